package org.ipcbus.impl.clone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipcbus.api.DataCloneException;
import org.junit.jupiter.api.Test;
import org.osgi.dto.DTO;

class DataClonerTest {

  enum Color { RED }

  record Point(int x, int y, List<String> tags) {}

  public static class NodeDTO extends DTO {
    public String name;
    public NodeDTO next;
    public static String ignored = "static";
  }

  private static Object[] clone(Object... args) {
    return DataCloner.cloneArgs(args, CloneLimits.DEFAULTS);
  }

  @Test
  void sharesImmutableValuesAsTheyAre() {
    UUID uuid = UUID.randomUUID();
    Instant now = Instant.now();
    Object[] values = {null, true, 1, 2L, (short) 3, (byte) 4, 5.0, 6f, 'c', "text",
        new BigDecimal("1.5"), uuid, now, LocalDate.of(2026, 1, 1), Duration.ofSeconds(3),
        ZoneId.of("Europe/Paris")};
    Object[] copy = clone(values);
    for (int i = 0; i < values.length; i++) {
      assertSame(values[i], copy[i], "value " + i);
    }
  }

  @Test
  void copiesPrimitiveArrays() {
    byte[] bytes = {1, 2, 3};
    int[] ints = {4, 5};
    Object[] copy = clone(bytes, ints);
    assertNotSame(bytes, copy[0]);
    assertArrayEquals(bytes, (byte[]) copy[0]);
    assertArrayEquals(ints, (int[]) copy[1]);
  }

  @Test
  void turnsEnumsIntoTheirName() {
    assertEquals("RED", clone(Color.RED)[0]);
  }

  @Test
  void copiesCollectionsKeepingOrderAndTurnsArraysIntoLists() {
    List<Object> list = new ArrayList<>(List.of("a", 1));
    Set<String> set = new LinkedHashSet<>(List.of("z", "y", "x"));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("second", 2);
    map.put("first", 1);
    Object[] copy = clone(list, set, map, new Object[] {"n", 3});

    assertEquals(list, copy[0]);
    assertNotSame(list, copy[0]);
    assertEquals(List.of("z", "y", "x"), new ArrayList<>((Set<?>) copy[1]));
    assertEquals(List.of("second", "first"), new ArrayList<>(((Map<?, ?>) copy[2]).keySet()));
    assertEquals(List.of("n", 3), copy[3]);
  }

  @Test
  void receiverChangesNeverReachTheSender() {
    List<Object> inner = new ArrayList<>(List.of(1));
    Map<String, Object> outer = new HashMap<>(Map.of("inner", inner));
    @SuppressWarnings("unchecked")
    Map<String, List<Object>> copy = (Map<String, List<Object>>) clone(outer)[0];
    copy.get("inner").add(2);
    assertEquals(List.of(1), inner);
  }

  @Test
  void turnsRecordsAndDtosIntoMapsOfTheirData() {
    Object[] copy = clone(new Point(1, 2, List.of("t")));
    assertEquals(Map.of("x", 1, "y", 2, "tags", List.of("t")), copy[0]);

    NodeDTO node = new NodeDTO();
    node.name = "n";
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("name", "n");
    expected.put("next", null);
    assertEquals(expected, clone(node)[0]);
  }

  @Test
  void preservesCyclesAndSharedReferences() {
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    List<?> copy = (List<?>) clone(cyclic)[0];
    assertSame(copy, copy.get(0));

    Map<String, Object> shared = new HashMap<>(Map.of("k", "v"));
    List<?> pair = (List<?>) clone(List.of(shared, shared))[0];
    assertSame(pair.get(0), pair.get(1));

    NodeDTO node = new NodeDTO();
    node.name = "loop";
    node.next = node;
    Map<?, ?> nodeCopy = (Map<?, ?>) clone(node)[0];
    assertSame(nodeCopy, nodeCopy.get("next"));
  }

  @Test
  void refusesOtherTypesNamingThePath() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("items", List.of("a", "b", "c", Thread.currentThread()));
    DataCloneException e = assertThrows(DataCloneException.class, () -> clone("ok", payload));
    assertEquals("args[1].items[3]: java.lang.Thread cannot be cloned", e.getMessage());

    assertThrows(DataCloneException.class, () -> clone(new AtomicInteger()));
    assertThrows(DataCloneException.class, () -> clone((Runnable) () -> {}));
    assertThrows(DataCloneException.class, () -> clone(new Object()));
  }

  @Test
  void refusesNestingDeeperThanTheLimitWithoutStackOverflow() {
    List<Object> deep = new ArrayList<>();
    List<Object> current = deep;
    for (int i = 0; i < 100_000; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    DataCloneException e = assertThrows(DataCloneException.class, () -> clone(deep));
    assertTrue(e.getMessage().contains("nested deeper than the limit of 256 levels"), e.getMessage());
  }

  @Test
  void refusesPayloadsOverTheSizeLimit() {
    CloneLimits small = new CloneLimits(10, 1024);
    DataCloneException e = assertThrows(DataCloneException.class,
        () -> DataCloner.cloneArgs(new Object[] {new byte[2048]}, small));
    assertEquals("args[0]: the message is larger than the limit of 1024 bytes", e.getMessage());
    DataCloner.cloneArgs(new Object[] {new byte[512]}, small);
  }

  @Test
  void aClonedMessageCarriesItsEstimatedSize() {
    DataCloner message = DataCloner.cloneMessage(new Object[] {new byte[100], "abc", List.of(1, 2)},
        CloneLimits.DEFAULTS);
    // 8 per value or reference, the payload of the array, 2 per char, the list and its 2 elements
    assertEquals((8 + 100) + (8 + 6) + (8 + 8 + 8), message.bytes());
    assertEquals(3, message.args().length);
    assertEquals(List.of(1, 2), message.args()[2]);
    DataCloner none = DataCloner.cloneMessage(null, CloneLimits.DEFAULTS);
    assertEquals(0, none.bytes());
    assertEquals(0, none.args().length);
    assertSame(none, DataCloner.cloneMessage(new Object[0], CloneLimits.DEFAULTS), "no allocation for no arguments");
  }

  @Test
  void namesTheRootOfASingleValue() {
    DataCloneException e = assertThrows(DataCloneException.class,
        () -> DataCloner.cloneValue(List.of(new Object()), "reply", CloneLimits.DEFAULTS));
    assertEquals("reply[0]: java.lang.Object cannot be cloned", e.getMessage());
  }
}
