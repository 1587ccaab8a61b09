package dev.usermanagement.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static final long MIB = 1024 * 1024;
    private static final int DEFAULT_MEMORY_KIB = 19456;

    @Test
    void theHeapDecidesHowManyHashesRunAtOnce() {
        assertEquals(1, PasswordHasher.derivedConcurrency(256 * MIB, DEFAULT_MEMORY_KIB, 2));
        assertEquals(1, PasswordHasher.derivedConcurrency(384 * MIB, DEFAULT_MEMORY_KIB, 2));
        assertEquals(1, PasswordHasher.derivedConcurrency(512 * MIB, DEFAULT_MEMORY_KIB, 2));
        assertEquals(2, PasswordHasher.derivedConcurrency(768 * MIB, DEFAULT_MEMORY_KIB, 2));
        assertEquals(6, PasswordHasher.derivedConcurrency(2048 * MIB, DEFAULT_MEMORY_KIB, 8));
    }

    @Test
    void neverMoreThanOnePerProcessorNorLessThanOne() {
        assertEquals(2, PasswordHasher.derivedConcurrency(8192 * MIB, DEFAULT_MEMORY_KIB, 2));
        assertEquals(1, PasswordHasher.derivedConcurrency(64 * MIB, DEFAULT_MEMORY_KIB, 16));
        assertEquals(1, PasswordHasher.derivedConcurrency(8192 * MIB, 4 * 1024 * 1024, 16));
    }
}
