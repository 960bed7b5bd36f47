package org.ipcbus.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.ipcbus.api.DataCloneException;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.dto.BundleDTO;

/** Arguments and replies arrive as plain data: copies, with records and DTOs as maps. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CloneIT extends IpcBusTestSupport {

  /** A record of the probe bundle: main must not need this class. */
  public record Order(String item, int quantity, Status status) {}

  /** An enum of the probe bundle. */
  public enum Status { NEW }

  @After
  public void tearDown() {
    ipcMain.removeHandler("echo");
  }

  @Test
  public void recordsEnumsAndDtosArriveAsPlainData() {
    AtomicReference<Object[]> received = new AtomicReference<>();
    ipcMain.on("data", (event, args) -> received.set(args));
    BundleDTO dto = new BundleDTO();
    dto.id = 7;
    dto.symbolicName = "b";
    ipcRenderer.sendSync("data", new Order("tea", 2, Status.NEW), dto, LocalDate.of(2026, 11, 25));

    Map<String, Object> order = new LinkedHashMap<>();
    order.put("item", "tea");
    order.put("quantity", 2);
    order.put("status", "NEW");
    assertEquals(order, received.get()[0]);
    Map<?, ?> bundle = (Map<?, ?>) received.get()[1];
    assertEquals(7L, bundle.get("id"));
    assertEquals("b", bundle.get("symbolicName"));
    assertEquals(LocalDate.of(2026, 11, 25), received.get()[2]);
  }

  @Test
  public void arraysAndCollectionsArriveAsCopiesInTheirOrder() {
    AtomicReference<Object[]> received = new AtomicReference<>();
    ipcMain.on("collections", (event, args) -> received.set(args));
    byte[] bytes = {1, 2, 3};
    Set<String> set = new LinkedHashSet<>(List.of("z", "a"));
    ipcRenderer.sendSync("collections", bytes, set, new Object[] {"x", 1}, 'c', 2.5f);
    assertNotSame(bytes, received.get()[0]);
    assertArrayEquals(bytes, (byte[]) received.get()[0]);
    assertEquals(List.of("z", "a"), new ArrayList<>((Set<?>) received.get()[1]));
    assertEquals(List.of("x", 1), received.get()[2]);
    assertEquals('c', received.get()[3]);
    assertEquals(2.5f, received.get()[4]);
  }

  @Test
  public void theReceiverGetsACopyAndSoDoesTheCaller() throws Exception {
    List<Object> sent = new ArrayList<>(List.of("a"));
    AtomicReference<Object> received = new AtomicReference<>();
    List<Object> reply = new ArrayList<>(List.of("r"));
    ipcMain.handle("echo", (event, args) -> {
      received.set(args[0]);
      return reply;
    });
    Object answer = ipcRenderer.invoke("echo", sent).getValue();
    assertNotSame(sent, received.get());
    assertEquals(sent, received.get());
    assertNotSame(reply, answer);
    assertEquals(reply, answer);
  }

  @Test
  public void cyclesArePreserved() {
    AtomicReference<Object> received = new AtomicReference<>();
    ipcMain.on("cycle", (event, args) -> received.set(args[0]));
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("self", node);
    ipcRenderer.sendSync("cycle", node);
    Map<?, ?> copy = (Map<?, ?>) received.get();
    assertSame(copy, copy.get("self"));
  }

  @Test
  public void anUncloneableArgumentFailsAtTheCallerNamingItsPathAndNothingIsSent() {
    List<Object> seen = new ArrayList<>();
    ipcMain.on("bad", (event, args) -> seen.add(args));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("items", List.of("a", "b", "c", new Thread()));
    DataCloneException e = assertThrows(DataCloneException.class, () -> ipcRenderer.send("bad", "ok", payload));
    assertEquals("args[1].items[3]: java.lang.Thread cannot be cloned", e.getMessage());
    assertThrows(DataCloneException.class, () -> ipcRenderer.invoke("bad", (Runnable) () -> {}));
    ipcRenderer.sendSync("bad", "good");
    assertEquals(1, seen.size());
    assertTrue(seen.get(0) instanceof Object[]);
  }
}
