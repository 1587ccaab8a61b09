package dev.usermanagement.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestHeadCheckTest {

    @Test
    void oneMediaTypeWithParametersFollowsTheGrammar() {
        for (String contentType : new String[] {"application/json", "application/json; charset=utf-8",
                "application/json;charset=\"utf-8\"", "application/json;", "text/plain ; a=b",
                "application/json; charset=\"a\\\"b\"", "application/vnd.api+json"}) {
            assertTrue(RequestHeadCheck.MEDIA_TYPE.matcher(contentType).matches(), contentType);
        }
    }

    @Test
    void listsUnclosedQuotesAndEmptyNamesDoNot() {
        for (String contentType : new String[] {"application/json, text/plain", "application/json; charset=\"utf-8",
                "application/json;;;=", "json", "application/json; charset = utf-8", "application /json",
                "application/json; =utf-8", ""}) {
            assertFalse(RequestHeadCheck.MEDIA_TYPE.matcher(contentType).matches(), contentType);
        }
    }
}
