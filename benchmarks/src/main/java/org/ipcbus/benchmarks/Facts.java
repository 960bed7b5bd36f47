package org.ipcbus.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;
import org.ipcbus.benchmarks.support.Buses;
import org.ipcbus.benchmarks.support.Payloads;
import org.ipcbus.impl.bus.Renderer;

/**
 * The facts RESULTS.md needs besides the JMH numbers, printed as JSON on standard output:
 *
 * <ul>
 *   <li>{@code payloads}: the measured heap size of every payload of {@link PayloadBenchmark};</li>
 *   <li>{@code locksInListeners}: the monitors and locks (ownable synchronizers) the thread holds
 *       while a user listener or handler runs, for each kind of delivery, read with
 *       ThreadMXBean inside the listener;</li>
 *   <li>{@code threadsPerMessage}: the threads started while 20 000 messages of each kind are sent
 *       after a warm-up, and the live threads of the bus;</li>
 *   <li>{@code idleRenderers}: 10 000 renderers with one listener each, after one broadcast reached
 *       them all: the bus's live threads, and the heap each idle renderer holds (used heap after a
 *       full GC, before and after, divided by their number).</li>
 * </ul>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar org.ipcbus.benchmarks.Facts}.
 */
public final class Facts {

  private static final int LOCK_SAMPLES = 200;
  private static final int MESSAGES = 20_000;
  private static final int FAN_OUT = 16;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Facts() {}

  /** @param args none */
  public static void main(String[] args) throws Exception {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("payloads", payloads());
    facts.put("locksInListeners", locksInListeners());
    facts.put("threadsPerMessage", threadsPerMessage());
    facts.put("idleRenderers", idleRenderers());
    System.out.println(Json.write(facts));
  }

  private static List<Object> payloads() {
    List<Object> sizes = new ArrayList<>();
    for (String kind : Payloads.KINDS) {
      for (int size : Payloads.SIZES) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", kind);
        entry.put("size", size);
        entry.put("heapBytes", Payloads.heapBytes(kind, size));
        entry.put("elements", Payloads.elementCount(Payloads.build(kind, size)));
        sizes.add(entry);
      }
    }
    return sizes;
  }

  /** Which locks the current thread holds, as class names; empty when none. */
  private static List<String> locksHeld() {
    ThreadInfo info = THREADS.getThreadInfo(new long[] {Thread.currentThread().getId()}, true, true)[0];
    List<String> held = new ArrayList<>();
    for (MonitorInfo monitor : info.getLockedMonitors()) {
      held.add("monitor " + monitor.getClassName() + " at " + monitor.getLockedStackFrame());
    }
    for (var lock : info.getLockedSynchronizers()) {
      held.add("lock " + lock.getClassName());
    }
    return held;
  }

  private static Map<String, Object> locksInListeners() throws Exception {
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    Map<String, AtomicInteger> calls = new LinkedHashMap<>();
    for (String path : List.of("send -> main listener", "sendSync -> main listener",
        "invoke -> main handler", "webContents.send -> renderer listener",
        "event.reply -> renderer listener")) {
      seen.put(path, new ConcurrentSkipListSet<>());
      calls.put(path, new AtomicInteger());
    }
    try (Buses buses = new Buses()) {
      Renderer renderer = buses.newRenderer();
      IpcRenderer client = renderer.client();
      buses.main().on("send", (event, a) -> record(seen, calls, "send -> main listener"));
      buses.main().on("sync", (event, a) -> {
        record(seen, calls, "sendSync -> main listener");
        event.setReturnValue(1);
      });
      buses.main().handle("invoke", (event, a) -> {
        record(seen, calls, "invoke -> main handler");
        return 1;
      });
      buses.main().on("ask", (event, a) -> event.reply("answer", 1));
      client.on("push", (event, a) -> record(seen, calls, "webContents.send -> renderer listener"));
      client.on("answer", (event, a) -> record(seen, calls, "event.reply -> renderer listener"));
      for (int i = 0; i < LOCK_SAMPLES; i++) {
        client.send("send", i);
        client.sendSync("sync", i);
        client.invoke("invoke", i).getValue();
        renderer.send("push", i);
        client.send("ask", i);
      }
      client.sendSync("sync", -1); // main has run everything sent before
      long deadline = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < deadline
          && calls.values().stream().anyMatch(count -> count.get() < LOCK_SAMPLES)) {
        Thread.sleep(10);
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (String path : seen.keySet()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("calls", calls.get(path).get());
      entry.put("locksHeld", new ArrayList<>(seen.get(path)));
      result.put(path, entry);
    }
    return result;
  }

  private static void record(Map<String, Set<String>> seen, Map<String, AtomicInteger> calls, String path) {
    seen.get(path).addAll(locksHeld());
    calls.get(path).incrementAndGet();
  }

  private static Map<String, Object> threadsPerMessage() throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    try (Buses buses = new Buses()) {
      AtomicLong delivered = new AtomicLong();
      buses.main().on("send", (event, a) -> delivered.incrementAndGet());
      buses.main().on("sync", (event, a) -> event.setReturnValue(a[0]));
      buses.main().handle("invoke", (event, a) -> a[0]);
      IpcRenderer client = buses.newRendererClient();
      List<WebContents> targets = new ArrayList<>();
      for (int i = 0; i < FAN_OUT; i++) {
        Renderer renderer = buses.newRenderer();
        renderer.client().on("push", (event, a) -> delivered.incrementAndGet());
        targets.add(renderer);
      }
      Runnable round = () -> {
        try {
          client.send("send", 1);
          client.sendSync("sync", 1);
          client.invoke("invoke", 1).getValue();
          for (WebContents target : targets) {
            target.send("push", 1);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      for (int i = 0; i < 1_000; i++) {
        round.run();
      }
      long started = THREADS.getTotalStartedThreadCount();
      Set<String> before = threadNames();
      for (int i = 0; i < MESSAGES; i++) {
        round.run();
      }
      long startedDuring = THREADS.getTotalStartedThreadCount() - started;
      Set<String> after = threadNames();
      after.removeAll(before);
      result.put("messagesPerKind", MESSAGES);
      result.put("kinds", List.of("send", "sendSync", "invoke", "webContents.send x" + FAN_OUT));
      result.put("threadsStartedDuring", startedDuring);
      result.put("newThreadNames", new ArrayList<>(after));
      result.put("busThreadsAlive", threadNames().stream().filter(name -> name.startsWith("ipcbus-")).count());
      result.put("renderers", FAN_OUT + 1);
    }
    return result;
  }

  private static final int IDLE_RENDERERS = 10_000;

  private static Map<String, Object> idleRenderers() throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    try (Buses buses = new Buses()) {
      // One renderer first, so that the classes and the bus's own threads are counted before.
      AtomicLong delivered = new AtomicLong();
      List<WebContents> targets = new ArrayList<>(IDLE_RENDERERS);
      addListeningRenderer(buses, targets, delivered);
      targets.get(0).send("idle", 1);
      awaitDeliveries(delivered, 1);
      long before = usedHeapAfterGc();
      for (int i = 1; i <= IDLE_RENDERERS; i++) {
        addListeningRenderer(buses, targets, delivered);
      }
      for (int i = 1; i <= IDLE_RENDERERS; i++) {
        targets.get(i).send("idle", 1); // each renderer has received once, and is idle again
      }
      awaitDeliveries(delivered, IDLE_RENDERERS + 1);
      long after = usedHeapAfterGc();
      result.put("renderers", IDLE_RENDERERS);
      result.put("cores", Runtime.getRuntime().availableProcessors());
      result.put("busThreadsAlive", threadNames().stream().filter(name -> name.startsWith("ipcbus-")).count());
      result.put("heapBytesPerRenderer", (after - before) / IDLE_RENDERERS);
      result.put("delivered", delivered.get());
      // Kept reachable until measured.
      result.put("live", targets.stream().filter(target -> !target.isDestroyed()).count());
    }
    return result;
  }

  private static void addListeningRenderer(Buses buses, List<WebContents> targets, AtomicLong delivered) {
    Renderer renderer = buses.newRenderer();
    renderer.client().on("idle", (event, a) -> delivered.incrementAndGet());
    targets.add(renderer);
  }

  private static void awaitDeliveries(AtomicLong delivered, long count) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (delivered.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    if (delivered.get() < count) {
      throw new IllegalStateException(delivered.get() + " of " + count + " delivered");
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) { // the smallest of three: a GC may leave some garbage behind
      System.gc();
      Thread.sleep(50);
      Runtime runtime = Runtime.getRuntime();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Just enough JSON for maps, lists, strings and numbers (also for {@code process.ProcessFacts}). */
  public static final class Json {
    private Json() {}

    /**
     * @param value maps, lists, strings, numbers and booleans
     * @return the JSON text
     */
    public static String write(Object value) {
      StringBuilder out = new StringBuilder();
      write(value, out, "");
      return out.toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
      if (value instanceof Map<?, ?> map) {
        out.append("{");
        String inner = indent + "  ";
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.append(first ? "\n" : ",\n").append(inner);
          string(String.valueOf(entry.getKey()), out);
          out.append(": ");
          write(entry.getValue(), out, inner);
          first = false;
        }
        out.append(map.isEmpty() ? "}" : "\n" + indent + "}");
      } else if (value instanceof List<?> list) {
        out.append("[");
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ", ");
          write(list.get(i), out, indent);
        }
        out.append("]");
      } else if (value instanceof Number || value instanceof Boolean) {
        out.append(value);
      } else {
        string(String.valueOf(value), out);
      }
    }

    private static void string(String s, StringBuilder out) {
      out.append('"');
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }
}
