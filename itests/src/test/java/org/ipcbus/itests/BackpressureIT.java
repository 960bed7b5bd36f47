package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcTimeoutException;
import org.ipcbus.api.runtime.IpcRuntime;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A renderer flooding main: the sender waits when its queue is full (then times out), so the
 * messages in flight never exceed the queue capacity, their bytes never exceed the byte budget, and
 * the heap stays bounded.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackpressureIT extends IpcBusTestSupport {

  private static final int CAPACITY = 1_000;
  private static final int FLOOD = 1_000_000;
  private static final long MIB = 1024 * 1024;
  private static final int BIG = (int) (8 * MIB);
  private static final long BUDGET = 64 * MIB;
  private static final int BIG_MESSAGES = 200;

  @After
  public void defaults() throws Exception {
    BusConfiguration.reset(context);
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  public void aMillionMessagesNeverQueueMoreThanTheCapacityAndTheHeapStaysBounded() throws Exception {
    BusConfiguration.apply(context, Map.of("queue.capacity", CAPACITY));
    AtomicLong received = new AtomicLong();
    ipcMain.on("flood", (event, args) -> {
      if (received.incrementAndGet() % 10_000 == 0) {
        LockSupport.parkNanos(2_000_000); // main falls behind now and then, so the queue fills
      }
    });
    IpcRenderer flooder = RendererBundles.rendererOf(bundles.install("flooder"));
    String payload = "x".repeat(100);
    flooder.sendSync("flood-warmup");
    long heapBefore = usedHeapAfterGc();

    AtomicLong sent = new AtomicLong();
    AtomicLong mostInFlight = new AtomicLong();
    CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < FLOOD; i++) {
        flooder.send("flood", i, payload);
        sent.incrementAndGet();
      }
    });
    while (!flood.isDone()) {
      mostInFlight.accumulateAndGet(sent.get() - received.get(), Math::max);
      Thread.onSpinWait();
    }
    flood.get();
    flooder.sendSync("flood-barrier");
    long heapAfter = usedHeapAfterGc();

    assertEquals(FLOOD, received.get());
    // One message may be past the queue, in the listener, when the sampler looks.
    assertTrue("in flight at most " + mostInFlight.get(), mostInFlight.get() <= CAPACITY + 1);
    assertTrue("the queue filled up: " + mostInFlight.get(), mostInFlight.get() >= CAPACITY / 2);
    long grownMb = (heapAfter - heapBefore) / (1024 * 1024);
    System.out.println("BackpressureIT: " + FLOOD + " messages, at most " + mostInFlight.get()
        + " in flight, heap " + heapBefore / (1024 * 1024) + " MB -> " + heapAfter / (1024 * 1024) + " MB");
    assertTrue("the heap grew by " + grownMb + " MB", grownMb < 32);
  }

  @Test
  public void aFullQueueMakesTheSenderWaitThenTimeOut() throws Exception {
    BusConfiguration.apply(context, Map.of("queue.capacity", 10, "sync.timeout.ms", 500L));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    ipcMain.on("full", (event, args) -> {
      blocked.countDown();
      release.await(10, TimeUnit.SECONDS);
    });
    IpcRenderer renderer = RendererBundles.rendererOf(bundles.install("full"));
    try {
      renderer.send("full"); // taken by the listener, which blocks
      assertTrue(blocked.await(5, TimeUnit.SECONDS));
      for (int i = 0; i < 10; i++) {
        renderer.send("full");
      }
      long start = System.nanoTime();
      Throwable failure = failureOf(() -> {
        renderer.send("full");
        return null;
      }).get(5, TimeUnit.SECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertSame(IpcTimeoutException.class, failure.getClass());
      assertEquals("main's queue for WebContents " + renderer.getId() + " stayed full (10 messages) "
          + "for 500 ms", failure.getMessage());
      assertTrue(millis + " ms", millis >= 500);
    } finally {
      release.countDown();
    }
    renderer.sendSync("full-done");
  }

  /**
   * The case: main's listener blocked, one renderer sends 200 messages of 8 MiB. Without a
   * byte budget they all queue (1.6 GB; a 1 GiB JVM died of OutOfMemoryError after 112). With
   * {@code queue.bytes} = 64 MiB at most 7 of them (8 MiB + 8 bytes each, as the clone estimates)
   * wait in the queue, plus the one main's listener holds, the sender waits for room, the heap stays
   * flat, and once main resumes every message arrives, in order.
   */
  @Test
  public void twoHundredMessagesOf8MiBQueueAtMostTheByteBudgetAndAllArriveInOrder() throws Exception {
    BusConfiguration.apply(context, Map.of("queue.bytes", BUDGET));
    int fitting = (int) (BUDGET / (BIG + 8));
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger received = new AtomicInteger();
    List<String> wrong = new CopyOnWriteArrayList<>();
    ipcMain.on("big", (event, args) -> {
      byte[] payload = (byte[]) args[0];
      int index = ByteBuffer.wrap(payload).getInt();
      if (index != received.get() || payload.length != BIG) {
        wrong.add("message " + index + " of " + payload.length + " bytes arrived as number " + received.get());
      }
      if (index == 0) {
        release.await(30, TimeUnit.SECONDS); // main is blocked until the queue is seen full
      }
      received.incrementAndGet();
    });
    IpcRenderer renderer = RendererBundles.rendererOf(bundles.install("big"));
    renderer.sendSync("big-warmup");
    long heapBefore = usedHeapAfterGc();
    long start = System.nanoTime();

    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < BIG_MESSAGES; i++) {
        byte[] payload = new byte[BIG];
        ByteBuffer.wrap(payload).putInt(i);
        renderer.send("big", payload);
        sent.incrementAndGet();
      }
    }, runnable -> new Thread(runnable, "big-sender").start());
    long mostInFlight = 0;
    long heapBlocked = -1;
    int lastSent = -1;
    long lastChange = System.nanoTime();
    while (!sending.isDone()) {
      int sentNow = sent.get(); // read before received: an estimate never above the truth
      long inFlight = sentNow - received.get();
      mostInFlight = Math.max(mostInFlight, inFlight);
      if (sentNow != lastSent) {
        lastSent = sentNow;
        lastChange = System.nanoTime();
      } else if (heapBlocked < 0) {
        long stalledMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastChange);
        // The sender waited for room half a second with the queue as full as the budget lets it
        // be (or for 5 s, whatever the queue holds: then the assertions below say what is wrong).
        if (stalledMillis > 500 && inFlight >= fitting + 1 || stalledMillis > 5_000) {
          heapBlocked = usedHeapAfterGc();
          release.countDown();
        }
      }
      LockSupport.parkNanos(100_000);
    }
    release.countDown(); // in case the sender never had to wait
    sending.get();
    renderer.sendSync("big-barrier");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    long heapAfter = usedHeapAfterGc();

    System.out.println("BackpressureIT: " + BIG_MESSAGES + " x 8 MiB with queue.bytes = 64 MiB in "
        + millis + " ms; at most " + mostInFlight + " in flight (" + mostInFlight * BIG / MIB
        + " MiB, one of them in main's listener); heap " + heapBefore / MIB + " MiB -> "
        + heapBlocked / MIB + " MiB while main was blocked -> " + heapAfter / MIB + " MiB after; "
        + "max heap " + Runtime.getRuntime().maxMemory() / MIB + " MiB");
    assertTrue("main was never seen blocked with a full queue", heapBlocked >= 0);
    assertEquals(List.of(), wrong);
    assertEquals(BIG_MESSAGES, received.get());
    // In flight: what waits in the queue, at most the budget, and the one main's listener holds.
    assertTrue("in flight at most " + mostInFlight, mostInFlight <= fitting + 1);
    assertTrue("the queue filled up: " + mostInFlight, mostInFlight >= fitting);
    // Blocked: the queue, the message in the listener, and the sender's payload with its clone.
    long grownBlocked = heapBlocked - heapBefore;
    assertTrue("the heap grew by " + grownBlocked / MIB + " MiB while main was blocked",
        grownBlocked < BUDGET + 100 * MIB);
    long grownAfter = heapAfter - heapBefore;
    assertTrue("the heap grew by " + grownAfter / MIB + " MiB", grownAfter < 100 * MIB);
  }

  @Test
  public void aByteBudgetBelowOneIsRefusedAndTheOneInForceStays() throws Exception {
    BusConfiguration.write(context, Map.of("queue.bytes", 0L));
    LogEntries.await(context, "the refused configuration", entry -> entry.getMessage().equals(
        "Configuration org.ipcbus is invalid and was not applied: queueBytes must be positive, was 0"));
    assertEquals(64 * MIB, context.getServiceReference(IpcRuntime.class).getProperty("queue.bytes"));
  }
}
