package dev.usermanagement.web;

import jakarta.json.Json;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.util.TreeSet;

/** JAX-RS answers OPTIONS in plain text; the contract wants JSON on every response. */
@Provider
public class OptionsAsJson implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) && response.getStatus() == 200) {
            var allowed = Json.createArrayBuilder(new TreeSet<>(response.getAllowedMethods()));
            response.setEntity(Json.createObjectBuilder().add("allow", allowed).build(), new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
