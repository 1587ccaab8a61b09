package dev.usermanagement.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ClientErrorMapper implements ExceptionMapper<ClientError> {

    @Override
    public Response toResponse(ClientError error) {
        return error.decorate(Response.status(error.status()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error.body())
                .build();
    }
}
