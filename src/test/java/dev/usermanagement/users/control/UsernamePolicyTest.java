package dev.usermanagement.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsernamePolicyTest {

    @Test
    void acceptsLettersDigitsAndTheFivePunctuationMarks() {
        assertEquals(List.of(), UsernamePolicy.violations("Zoë_o'".replace("'", "") + "@x.y+z-1"));
        assertEquals(List.of(), UsernamePolicy.violations("用户名"));
    }

    @Test
    void refusesSpacesAndOtherPunctuation() {
        assertEquals(List.of(UsernamePolicy.INVALID), UsernamePolicy.violations("bad name"));
        assertEquals(List.of(UsernamePolicy.INVALID), UsernamePolicy.violations("semi;colon"));
        assertEquals(List.of(UsernamePolicy.INVALID), UsernamePolicy.violations("nul\u0000"));
    }

    @Test
    void limitsTheLengthInCharactersNotBytes() {
        assertEquals(List.of(), UsernamePolicy.violations("é".repeat(150)));
        assertEquals(List.of(UsernamePolicy.TOO_LONG), UsernamePolicy.violations("a".repeat(151)));
        assertEquals(List.of(UsernamePolicy.TOO_LONG, UsernamePolicy.INVALID), UsernamePolicy.violations("a ".repeat(76)));
    }

    @Test
    void normalizesCompatibilityCharactersWithNfkc() {
        assertEquals("alice", UsernamePolicy.normalize("ａｌｉｃｅ"));
        assertEquals("fi", UsernamePolicy.normalize("\uFB01"));
    }

    @Test
    void keyIgnoresCaseAndCompatibilityForms() {
        assertEquals(UsernamePolicy.key("alice"), UsernamePolicy.key("ALICE"));
        assertEquals(UsernamePolicy.key("alice"), UsernamePolicy.key("Ａｌｉｃｅ"));
        assertEquals(UsernamePolicy.key("strasse"), UsernamePolicy.key("STRASSE"));
        assertEquals(UsernamePolicy.key("straße"), UsernamePolicy.key("STRASSE"));
        assertNotEquals(UsernamePolicy.key("alice"), UsernamePolicy.key("alice2"));
    }
}
