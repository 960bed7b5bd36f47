package org.ipcbus.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void argumentsAreOneJsonArrayAndNothingMeansNone() {
    assertArrayEquals(new Object[] {"pong", 1L, true, null, List.of(2L), Map.of("a", "b")},
        Json.parseArgs("[\"pong\", 1, true, null, [2], {\"a\": \"b\"}]"));
    assertArrayEquals(new Object[0], Json.parseArgs(null));
    assertArrayEquals(new Object[0], Json.parseArgs("  "));
    assertArrayEquals(new Object[0], Json.parseArgs("[]"));
  }

  @Test
  void badJsonIsA400NamingTheParameterAndTheText() {
    BadRequestException broken = assertThrows(BadRequestException.class, () -> Json.parseArgs("[\"pong\""));
    assertEquals(400, broken.status());
    assertTrue(broken.getMessage().startsWith("args is not valid JSON"), broken.getMessage());
    assertTrue(broken.getMessage().endsWith(": [\"pong\""), broken.getMessage());
    BadRequestException object = assertThrows(BadRequestException.class, () -> Json.parseArgs("{\"a\": 1}"));
    assertEquals("args must be a JSON array of the arguments, for example [\"ping\", 1], was: {\"a\": 1}", object.getMessage());
    assertThrows(BadRequestException.class, () -> Json.parseArgs("pong"));
  }

  @Test
  void writesMapsListsAndEscapesStrings() {
    assertEquals("{\"error\":\"a \\\"quoted\\\" <b>\"}", Json.error("a \"quoted\" <b>"));
    assertEquals("[1,\"x\",null,true]", Json.write(java.util.Arrays.asList(1L, "x", null, true)));
  }
}
