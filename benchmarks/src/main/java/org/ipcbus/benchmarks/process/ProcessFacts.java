package org.ipcbus.benchmarks.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.ipcbus.benchmarks.Facts;
import org.ipcbus.wire.MessageCodec;
import org.ipcbus.wire.WireMessage;

/**
 * The facts of scenario 6 besides the JMH numbers, printed as JSON on standard output:
 *
 * <ul>
 *   <li>{@code frames}: the body sizes of the ipcbus frames the benchmarks send;</li>
 *   <li>{@code children}: {@value #CHILDREN} renderer processes launched one after the other and
 *       kept running, as {@link ChildProcesses} launches them (the documented default options
 *       {@code -Xmx256m -XX:+ExitOnOutOfMemoryError}): for each, the time from launch to its
 *       connection and to main's first message from it, then, after {@value #IDLE_SECONDS} s idle
 *       (heartbeats only), its memory from {@code /proc/<pid>/status} (VmRSS, VmHWM, RssAnon,
 *       RssFile) and {@code /proc/<pid>/smaps_rollup} (Pss: shared pages divided among the
 *       processes that map them);</li>
 *   <li>{@code afterLoad}: the first child's memory again after {@value #ROUND_TRIPS} round trips
 *       and a flood of {@value #FLOOD} messages, then {@value #IDLE_SECONDS} s idle.</li>
 * </ul>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar org.ipcbus.benchmarks.process.ProcessFacts}.
 */
public final class ProcessFacts {

  static final int CHILDREN = 3;
  static final int IDLE_SECONDS = 5;
  static final int ROUND_TRIPS = 10_000;
  static final int FLOOD = 200_000;

  private ProcessFacts() {}

  /** @param args none */
  public static void main(String[] args) throws Exception {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("frames", frames());
    facts.put("childVmOptions", String.join(" ", ChildProcesses.CHILD_VM_OPTIONS));
    try (ChildProcesses processes = new ChildProcesses(false)) {
      Rendezvous answer = new Rendezvous();
      AtomicLong counted = new AtomicLong();
      processes.main().on(Channels.ROUND_TRIP_BACK, (event, values) -> answer.signal(values[0]));
      processes.main().on(Channels.THROUGHPUT, (event, values) -> {
        if (counted.incrementAndGet() == FLOOD) {
          answer.signal(Boolean.TRUE);
        }
      });
      List<ChildProcesses.Child> children = new ArrayList<>();
      List<Object> starts = new ArrayList<>();
      for (int i = 0; i < CHILDREN; i++) {
        ChildProcesses.Child child = processes.launch("bench-facts-" + i);
        children.add(child);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("pid", child.pid());
        start.put("launchToConnectedMillis", millis(child.connectedNanos() - child.launchNanos()));
        start.put("launchToFirstMessageMillis", millis(child.helloNanos() - child.launchNanos()));
        starts.add(start);
      }
      TimeUnit.SECONDS.sleep(IDLE_SECONDS);
      List<Object> idle = new ArrayList<>();
      for (int i = 0; i < CHILDREN; i++) {
        Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) starts.get(i));
        entry.putAll(memory(children.get(i).pid()));
        idle.add(entry);
      }
      facts.put("children", idle);

      ChildProcesses.Child first = children.get(0);
      for (int i = 0; i < ROUND_TRIPS; i++) {
        answer.arm();
        first.webContents().send(Channels.ROUND_TRIP, Channels.MESSAGE);
        answer.await("a round trip");
      }
      answer.arm();
      first.webContents().send(Channels.FLOOD, FLOOD);
      answer.await("a flood");
      TimeUnit.SECONDS.sleep(IDLE_SECONDS);
      facts.put("afterLoad", memory(first.pid()));
      facts.put("mainReports", processes.log().reports());
    }
    System.out.println(Facts.Json.write(facts));
  }

  private static Map<String, Object> frames() {
    Map<String, Object> frames = new LinkedHashMap<>();
    List<Object> args = List.of(Channels.MESSAGE);
    frames.put("SEND bench/tp [4242], wc 1", MessageCodec.encode(new WireMessage.Send(1, Channels.THROUGHPUT, args)).length);
    frames.put("DELIVER bench/rt [4242], wc 1", MessageCodec.encode(new WireMessage.Deliver(1, Channels.ROUND_TRIP, args)).length);
    frames.put("SEND_SYNC bench/ss [4242], wc 1, call 1", MessageCodec.encode(new WireMessage.SendSync(1, 1, Channels.SEND_SYNC, args)).length);
    frames.put("SEND_SYNC bench/ss [4242], wc 1, call 100000", MessageCodec.encode(new WireMessage.SendSync(1, 100_000, Channels.SEND_SYNC, args)).length);
    frames.put("INVOKE bench/iv [4242], wc 1, call 100000", MessageCodec.encode(new WireMessage.Invoke(1, 100_000, Channels.INVOKE, args)).length);
    frames.put("RESULT 4242, call 100000", MessageCodec.encode(new WireMessage.Result(100_000, Channels.MESSAGE)).length);
    frames.put("raw frame body", RawSocketBenchmark.BODY.length);
    return frames;
  }

  private static Map<String, Object> memory(long pid) throws IOException {
    Map<String, Object> memory = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      for (String key : List.of("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem")) {
        if (line.startsWith(key + ":")) {
          memory.put(key + "KiB", Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
    }
    Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
    if (Files.isReadable(rollup)) {
      for (String line : Files.readAllLines(rollup)) {
        if (line.startsWith("Pss:")) {
          memory.put("PssKiB", Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
    }
    return memory;
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
