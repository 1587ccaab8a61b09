package dev.usermanagement.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    static final String SHORT = "This password is too short. It must contain at least 8 characters.";
    static final String COMMON = "This password is too common.";
    static final String NUMERIC = "This password is entirely numeric.";
    static final String SIMILAR = "The password is too similar to the username.";

    private final PasswordPolicy policy = new PasswordPolicy();

    @BeforeEach
    void configure() {
        policy.minLength = 8;
        policy.maxLength = 1024;
        policy.maxSimilarity = 0.7;
        policy.loadCommonPasswords();
    }

    @Test
    void acceptsALongUncommonPassword() {
        assertEquals(List.of(), policy.violations("correct horse battery staple", "alice"));
    }

    @Test
    void listsEveryBrokenRuleInTheContractsOrder() {
        assertEquals(List.of(SHORT, COMMON, NUMERIC), policy.violations("123456", "alice"));
        assertEquals(List.of(COMMON, NUMERIC), policy.violations("12345678", "alice"));
        assertEquals(List.of(SHORT, SIMILAR), policy.violations("ecila", "alice"));
    }

    @Test
    void theCommonListIsLargeAndComparedWithoutCase() {
        assertTrue(policy.violations("PassWord", "bob").contains(COMMON));
        assertTrue(policy.violations("  password  ", "bob").contains(COMMON), "Django strips only for the comparison");
        assertFalse(policy.violations("Xq9!vLt2#pW", "bob").contains(COMMON));
    }

    @Test
    void numericMeansEveryCharacterIsADigitInAnyScript() {
        assertTrue(policy.violations("١٢٣٤٥٦٧٨٩", "bob").contains(NUMERIC));
        assertFalse(policy.violations("12345678a", "bob").contains(NUMERIC));
    }

    @Test
    void similarityLooksAtTheWholeNameAndItsParts() {
        assertTrue(policy.violations("JohnSmith1", "john.smith").contains(SIMILAR));
        assertTrue(policy.violations("smith12", "john.smith").contains(SIMILAR), "a part of the name");
        assertFalse(policy.violations("correct horse battery staple", "john.smith").contains(SIMILAR));
        assertFalse(policy.violations("ab" + "x".repeat(30), "a").contains(SIMILAR), "much longer than a short name");
    }

    @Test
    void overTheLimitIsOneMessageAlone() {
        assertEquals(List.of("Ensure this field has no more than 1024 characters."), policy.violations("1".repeat(1025), "bob"));
        assertEquals(List.of(), policy.violations("ü".repeat(1024), "bob"), "characters, not bytes");
    }

    @Test
    void quickRatioMatchesDifflib() {
        assertEquals(1.0, PasswordSimilarity.quickRatio("abc", "cba"));
        assertEquals(0.0, PasswordSimilarity.quickRatio("abc", "xyz"));
        assertEquals(2.0 * 3 / 11, PasswordSimilarity.quickRatio("alice", "abcdef"), 1e-9);
    }
}
