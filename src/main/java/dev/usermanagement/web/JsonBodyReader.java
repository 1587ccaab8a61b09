package dev.usermanagement.web;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a request body into a {@link JsonBody}, enforcing the size limit before the body is read whole
 * (ASVS 5 V13: bound every input) and turning every parse failure into the contract's 400.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonBodyReader implements MessageBodyReader<JsonBody> {

    private static final Map<JsonValue.ValueType, String> PYTHON_TYPE_NAMES = Map.of(
            JsonValue.ValueType.ARRAY, "list",
            JsonValue.ValueType.STRING, "str",
            JsonValue.ValueType.NUMBER, "int",
            JsonValue.ValueType.TRUE, "bool",
            JsonValue.ValueType.FALSE, "bool",
            JsonValue.ValueType.NULL, "NoneType");

    @Inject
    @ConfigProperty(name = "users.http.max-body-bytes", defaultValue = "65536")
    int maxBodyBytes;

    @Inject
    @ConfigProperty(name = "users.http.max-json-nesting", defaultValue = "32")
    int maxNesting;

    @Inject
    @ConfigProperty(name = "users.http.max-json-number-length", defaultValue = "100")
    int maxNumberLength;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonBody.class;
    }

    @Override
    public JsonBody readFrom(Class<JsonBody> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                             MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        rejectDeclaredOversize(headers.getFirst(HttpHeaders.CONTENT_LENGTH));
        byte[] bytes = entity.readNBytes(maxBodyBytes + 1);
        if (bytes.length > maxBodyBytes) {
            throw new BodyTooLarge();
        }
        if (bytes.length == 0) {
            return new JsonBody(JsonValue.EMPTY_JSON_OBJECT);
        }
        JsonValue value = parse(bytes);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw MalformedBody.notAnObject(pythonTypeName(value));
        }
        return new JsonBody(value.asJsonObject());
    }

    /** The name Python's json module gives the value's type, as the contract's message (from DRF) does. */
    private static String pythonTypeName(JsonValue value) {
        if (value instanceof JsonNumber number && !number.isIntegral()) {
            return "float"; // 1.5, 1.0 and 1e5 are floats to Python; only a plain 10 is an int
        }
        return PYTHON_TYPE_NAMES.get(value.getValueType());
    }

    /**
     * The contract's bodies are flat objects of strings; a deeply nested document or a number literal longer
     * than any real number is refused by a streaming pass before the tree is built (RFC 8259 section 9 lets
     * a parser limit nesting and the range of numbers). The JSON parser would otherwise fail on such a number
     * with an exception of its own, not a parse error.
     */
    private String requireBounded(String text) {
        int depth = 0;
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    if (++depth > maxNesting) {
                        throw MalformedBody.parseError("nesting deeper than " + maxNesting + " levels");
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                } else if (event == JsonParser.Event.VALUE_NUMBER && parser.getString().length() > maxNumberLength) {
                    throw MalformedBody.parseError("a number longer than " + maxNumberLength + " characters");
                }
            }
        }
        return text;
    }

    /** RFC 8259 section 8.1: JSON between systems is UTF-8; anything else is refused, not repaired. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw MalformedBody.parseError("the body is not valid UTF-8");
        }
    }

    private void rejectDeclaredOversize(String contentLength) {
        if (contentLength == null) {
            return;
        }
        try {
            if (Long.parseLong(contentLength.trim()) > maxBodyBytes) {
                throw new BodyTooLarge();
            }
        } catch (NumberFormatException unparsable) {
            throw MalformedBody.parseError("invalid Content-Length");
        }
    }

    private JsonValue parse(byte[] bytes) {
        String text = strictUtf8(bytes);
        try (JsonReader reader = Json.createReader(new StringReader(requireBounded(text)))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            throw MalformedBody.parseError(at == null
                    ? "invalid JSON"
                    : "invalid JSON at line " + at.getLineNumber() + " column " + at.getColumnNumber());
        } catch (JsonException | IllegalStateException | IllegalArgumentException | UnsupportedOperationException e) {
            throw MalformedBody.parseError("invalid JSON");
        }
    }
}
