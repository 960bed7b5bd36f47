package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.inject.Inject;

import org.ipcbus.api.DataCloneException;
import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.IpcRuntime;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Hostile and mistaken input: each gives the documented exception with a message that says what is
 * wrong, nothing of it is delivered, and the bus keeps working afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BadInputIT extends IpcBusTestSupport {

  @Inject
  private IpcRuntime runtime;

  private final List<Object[]> delivered = Collections.synchronizedList(new ArrayList<>());

  @Before
  public void listen() {
    ipcMain.on("bad", (event, args) -> delivered.add(args));
    ipcMain.on("alive", (event, args) -> event.setReturnValue("alive"));
  }

  @After
  public void defaults() throws Exception {
    BusConfiguration.reset(context);
  }

  /** The bus still answers, and nothing of the bad input reached a listener. */
  private void assertStillWorkingAndNothingDelivered() {
    assertEquals("alive", ipcRenderer.sendSync("alive"));
    assertEquals(0, delivered.size());
  }

  private <T extends Throwable> void assertRefused(Class<T> type, String message, Consumer<String> call,
      String channel) {
    T e = assertThrows(type, () -> call.accept(channel));
    assertEquals(message, e.getMessage());
  }

  @Test
  public void badChannelNamesAreRefusedByEveryMethod() {
    String tooLong = "c".repeat(257);
    Map<String, String> expected = new HashMap<>();
    expected.put(null, "channel must not be null");
    expected.put("", "channel must not be blank, was ''");
    expected.put("  ", "channel must not be blank, was '  '");
    expected.put(tooLong, "channel must be at most 256 characters, was 257 characters starting '"
        + "c".repeat(32) + "...'");
    IpcMainListener listener = (event, args) -> { };
    List<Consumer<String>> calls = List.of(
        channel -> ipcRenderer.send(channel),
        channel -> ipcRenderer.sendSync(channel),
        channel -> ipcRenderer.invoke(channel),
        channel -> ipcRenderer.on(channel, (event, args) -> { }),
        channel -> ipcMain.on(channel, listener),
        channel -> ipcMain.handle(channel, (event, args) -> null),
        channel -> ipcMain.getAllWebContents().get(0).send(channel));
    for (Consumer<String> call : calls) {
      expected.forEach((channel, message) -> assertRefused(IllegalArgumentException.class, message, call, channel));
    }
    assertStillWorkingAndNothingDelivered();
  }

  @Test
  public void nullListenersAndHandlersAreRefusedNamingTheParameter() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> ipcMain.on("bad", null));
    assertEquals("listener must not be null", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> ipcMain.handle("bad", null));
    assertEquals("handler must not be null", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> ipcRenderer.once("bad", null));
    assertEquals("listener must not be null", e.getMessage());
    assertStillWorkingAndNothingDelivered();
  }

  @Test
  public void nullArgumentsAreData() {
    ipcRenderer.send("bad", null, "a", null);
    ipcRenderer.sendSync("alive");
    assertEquals(1, delivered.size());
    assertEquals(Arrays.asList(null, "a", null), Arrays.asList(delivered.remove(0)));
    assertStillWorkingAndNothingDelivered();
  }

  @Test
  public void anUncloneableValueDeepInsideIsRefusedWithItsPath() {
    Map<String, Object> order = Map.of("items", List.of(1, 2, Map.of("thread", new Thread())));
    DataCloneException e = assertThrows(DataCloneException.class, () -> ipcRenderer.send("bad", "ok", order));
    assertEquals("args[1].items[2].thread: java.lang.Thread cannot be cloned", e.getMessage());
    assertThrows(DataCloneException.class, () -> ipcRenderer.sendSync("bad", order));
    assertThrows(DataCloneException.class, () -> ipcRenderer.invoke("bad", order));
    assertStillWorkingAndNothingDelivered();
  }

  @Test
  public void aCyclicGraphArrivesWithItsCycle() {
    List<Object> cycle = new ArrayList<>();
    cycle.add("head");
    cycle.add(cycle);
    ipcRenderer.send("bad", cycle);
    ipcRenderer.sendSync("alive");
    List<?> arrived = (List<?>) delivered.remove(0)[0];
    assertEquals("head", arrived.get(0));
    assertSame(arrived, arrived.get(1));
    assertStillWorkingAndNothingDelivered();
  }

  @Test
  public void nestingFarDeeperThanTheLimitFailsCleanlyWithoutAStackOverflow() {
    List<Object> deep = new ArrayList<>();
    List<Object> level = deep;
    for (int i = 0; i < 100_000; i++) {
      List<Object> next = new ArrayList<>();
      level.add(next);
      level = next;
    }
    DataCloneException e = assertThrows(DataCloneException.class, () -> ipcRenderer.send("bad", deep));
    assertTrue(e.getMessage(), e.getMessage().startsWith("args[0]" + "[0]".repeat(255)));
    assertTrue(e.getMessage(), e.getMessage().endsWith(": nested deeper than the limit of 256 levels"));
    assertStillWorkingAndNothingDelivered();
  }

  @Test
  public void aPayloadOverTheSizeLimitIsRefused() throws Exception {
    BusConfiguration.apply(context, Map.of("max.message.bytes", 1_048_576L));
    DataCloneException e = assertThrows(DataCloneException.class,
        () -> ipcRenderer.send("bad", new byte[2 * 1_048_576]));
    assertEquals("args[0]: the message is larger than the limit of 1048576 bytes", e.getMessage());
    ipcRenderer.send("bad", (Object) new byte[1_000_000]);
    ipcRenderer.sendSync("alive");
    assertEquals(1_000_000, ((byte[]) delivered.remove(0)[0]).length);
    assertStillWorkingAndNothingDelivered();
  }

  @Test
  public void anInvalidConfigurationIsRefusedAndTheSettingsInForceStay() throws Exception {
    BusConfiguration.write(context, Map.of("max.depth", 5_000));
    LogEntries.await(context, "the refused configuration", entry -> entry.getMessage().equals(
        "Configuration org.ipcbus is invalid and was not applied: maxDepth must be from 1 to 1024, was 5000"));
    assertEquals(256, context.getServiceReference(IpcRuntime.class).getProperty("max.depth"));
    assertStillWorkingAndNothingDelivered();
  }

  @Test
  public void aWhiteboardServiceWithAChannelOfTheWrongTypeIsFailedNotWired() {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(IpcConstants.CHANNEL, new int[] {1, 2});
    ServiceRegistration<IpcMainListener> registration = context.registerService(IpcMainListener.class,
        (event, args) -> delivered.add(args), properties);
    long serviceId = (Long) registration.getReference().getProperty(Constants.SERVICE_ID);
    try {
      assertEquals(1, Arrays.stream(runtime.getRuntimeDTO().failedServices)
          .filter(failed -> failed.serviceId == serviceId
              && failed.failureReason == DTOConstants.FAILURE_REASON_INVALID_CHANNEL
              && failed.failureMessage.equals("ipc.channel must be a String or String[], was [I"))
          .count());
      assertStillWorkingAndNothingDelivered();
    } finally {
      registration.unregister();
    }
  }
}
