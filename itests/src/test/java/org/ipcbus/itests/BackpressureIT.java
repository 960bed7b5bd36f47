package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcTimeoutException;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A renderer flooding main: the sender waits when its queue is full (then times out), so the
 * messages in flight never exceed the queue capacity and the heap stays bounded.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackpressureIT extends IpcBusTestSupport {

  private static final int CAPACITY = 1_000;
  private static final int FLOOD = 1_000_000;

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
}
