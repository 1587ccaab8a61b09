package dev.usermanagement.web;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** A request body that parsed as a JSON object; reads fields by the rules of the contract's table. */
public record JsonBody(JsonObject fields) {

    /** The string value, or null after recording why the field is unusable. */
    public String requiredString(String field, FieldErrors errors) {
        if (!fields.containsKey(field)) {
            errors.add(field, "This field is required.");
            return null;
        }
        return presentString(field, errors);
    }

    /** Like {@link #requiredString} but an absent field is simply null. */
    public String optionalString(String field, FieldErrors errors) {
        return fields.containsKey(field) ? presentString(field, errors) : null;
    }

    /** A JSON true or false, or null when absent (a PATCH leaves it unchanged) or unusable (recorded). */
    public Boolean optionalBoolean(String field, FieldErrors errors) {
        JsonValue value = fields.get(field);
        if (value == null) {
            return null;
        }
        return switch (value.getValueType()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> {
                errors.add(field, "This field may not be null.");
                yield null;
            }
            default -> {
                errors.add(field, "Must be a valid boolean.");
                yield null;
            }
        };
    }

    private String presentString(String field, FieldErrors errors) {
        JsonValue value = fields.get(field);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            errors.add(field, "This field may not be null.");
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            errors.add(field, "Not a valid string.");
            return null;
        }
        String text = ((JsonString) value).getString();
        if (text.isBlank()) {
            errors.add(field, "This field may not be blank.");
            return null;
        }
        String unusable = unusableCharacter(text);
        if (unusable != null) {
            errors.add(field, unusable);
            return null;
        }
        return text;
    }

    /**
     * DRF's CharField rules: a NUL or an unpaired surrogate (legal in a JSON escape, not in text) would be
     * stored or hashed as something other than what was sent.
     */
    private static String unusableCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "Null characters are not allowed.";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("Surrogate characters are not allowed: U+%04X.", (int) c);
            }
        }
        return null;
    }
}
