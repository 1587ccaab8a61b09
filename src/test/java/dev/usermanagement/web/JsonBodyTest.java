package dev.usermanagement.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    private static JsonBody body(String json) {
        return new JsonBody(Json.createReader(new java.io.StringReader(json)).readObject());
    }

    private static Map<String, List<String>> errorsOf(FieldErrors errors) {
        return assertThrows(InvalidInput.class, errors::throwIfAny).errors();
    }

    @Test
    void everyKindOfUnusableFieldHasItsOwnMessage() {
        var errors = new FieldErrors();
        var body = body("{\"n\": null, \"b\": \"  \\t\", \"e\": \"\", \"x\": 5, \"a\": [\"s\"]}");
        for (String field : List.of("m", "n", "b", "e", "x", "a")) {
            assertNull(body.requiredString(field, errors));
        }
        assertEquals(Map.of(
                "m", List.of("This field is required."),
                "n", List.of("This field may not be null."),
                "b", List.of("This field may not be blank."),
                "e", List.of("This field may not be blank."),
                "x", List.of("Not a valid string."),
                "a", List.of("Not a valid string.")), errorsOf(errors));
    }

    /** DRF's BooleanField as a PATCH reads it: absent changes nothing, only JSON true and false are booleans. */
    @Test
    void optionalBooleansAreJsonTrueOrFalseOrAbsent() {
        var errors = new FieldErrors();
        var body = body("{\"t\": true, \"f\": false, \"n\": null, \"s\": \"true\", \"i\": 1}");
        assertEquals(Boolean.TRUE, body.optionalBoolean("t", errors));
        assertEquals(Boolean.FALSE, body.optionalBoolean("f", errors));
        assertNull(body.optionalBoolean("absent", errors));
        for (String field : List.of("n", "s", "i")) {
            assertNull(body.optionalBoolean(field, errors));
        }
        assertEquals(Map.of(
                "n", List.of("This field may not be null."),
                "s", List.of("Must be a valid boolean."),
                "i", List.of("Must be a valid boolean.")), errorsOf(errors));
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedButPairsAreText() {
        var errors = new FieldErrors();
        var body = body("{\"n\": \"a\\u0000b\", \"s\": \"a\\ud800\", \"t\": \"\\udc00a\", \"ok\": \"\\ud83d\\ude00\"}");
        assertEquals("\ud83d\ude00", body.requiredString("ok", errors));
        body.requiredString("n", errors);
        body.requiredString("s", errors);
        body.requiredString("t", errors);
        assertEquals(Map.of(
                "n", List.of("Null characters are not allowed."),
                "s", List.of("Surrogate characters are not allowed: U+D800."),
                "t", List.of("Surrogate characters are not allowed: U+DC00.")), errorsOf(errors));
    }

    @Test
    void stringsComeBackExactlyAsSent() {
        var errors = new FieldErrors();
        assertEquals("  pass word  ", body("{\"p\": \"  pass word  \"}").requiredString("p", errors));
        errors.throwIfAny();
    }

    @Test
    void anOptionalFieldMayBeAbsentButNotBroken() {
        var errors = new FieldErrors();
        assertNull(body("{}").optionalString("refresh", errors));
        errors.throwIfAny();
        body("{\"refresh\": 1}").optionalString("refresh", errors);
        assertEquals(Map.of("refresh", List.of("Not a valid string.")), errorsOf(errors));
    }

    @Test
    void fieldsAreListedInTheOrderTheyWereChecked() {
        var errors = new FieldErrors();
        body("{}").requiredString("username", errors);
        body("{}").requiredString("password", errors);
        assertEquals("{\"username\":[\"This field is required.\"],\"password\":[\"This field is required.\"]}",
                assertThrows(InvalidInput.class, errors::throwIfAny).body().toString());
    }
}
