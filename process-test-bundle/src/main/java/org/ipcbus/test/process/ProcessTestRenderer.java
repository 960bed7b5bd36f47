package org.ipcbus.test.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcRendererEvent;
import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.api.MessagePortMain;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.promise.Promise;

/**
 * A renderer in a renderer process that main's tests drive over the bus. It says {@code test.ready}
 * (with its pid) once it listens on {@code test.command}, then does what each command says:
 *
 * <ul>
 * <li>{@code exit <code>}, {@code halt <code>}: System.exit, Runtime.halt;</li>
 * <li>{@code oom}: allocates until OutOfMemoryError (run the child with -XX:+ExitOnOutOfMemoryError);</li>
 * <li>{@code hang}: sleeps forever on this renderer's own thread (which is not being unresponsive:
 *     the connection still answers main's heartbeats; SIGSTOP is);</li>
 * <li>{@code flood <n>}: n messages on {@code test.flood} with sequence numbers 0..n-1: every tenth
 *     a sendSync, every tenth plus one an invoke, the others send;</li>
 * <li>on {@code test.port}, a port that main posts with a mode as the message: {@code echo} posts
 *     every message back on it ({@code close} closes it instead) and reports {@code port-closed} when
 *     the other end closes; {@code source <n>} posts 0..n-1 on it and reports {@code port-source}
 *     once it got n messages back; {@code give-back} transfers it back to main on
 *     {@code test.port-back} with ipcRenderer.postMessage;</li>
 * <li>the scenarios, each run here in the child and reported to main on {@code test.result} as
 *     {@code (scenario, outcome map)}, so that main asserts what a renderer of a child sees.</li>
 * </ul>
 *
 * <p>Blocking work runs on a worker thread, so that this renderer's own thread stays free for the
 * listener and promise callbacks that the scenarios observe.
 */
@Component(immediate = true)
public class ProcessTestRenderer {

  static final String COMMAND = "test.command";
  static final String READY = "test.ready";
  static final String RESULT = "test.result";

  @Reference
  private IpcRenderer ipc;

  private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "process-test-worker");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, String> threads = new ConcurrentHashMap<>();

  @Activate
  void activate() {
    ipc.on(COMMAND, this::command);
    ipc.on("test.port", this::port);
    ipc.send(READY, ProcessHandle.current().pid());
  }

  @Deactivate
  void deactivate() {
    worker.shutdownNow();
  }

  private void command(IpcRendererEvent event, Object... args) {
    String[] words = ((String) args[0]).split(" ");
    String scenario = words[0];
    switch (scenario) {
      case "exit" -> new Thread(() -> System.exit(Integer.parseInt(words[1])), "process-test-exit").start();
      case "halt" -> Runtime.getRuntime().halt(Integer.parseInt(words[1]));
      case "oom" -> worker.execute(ProcessTestRenderer::exhaustHeap);
      case "hang" -> hang();
      case "flood" -> worker.execute(() -> report(scenario, flood(Integer.parseInt(words[1]))));
      case "remote-error" -> worker.execute(() -> report(scenario,
          failure(ipc.invoke("test.throws", "bad value 42"))));
      case "clone-error" -> worker.execute(() -> report(scenario, cloneErrors()));
      case "sendsync-unheard" -> worker.execute(() -> {
        Object value = ipc.sendSync("test.nobody", "anyone?");
        report(scenario, Map.of("isNull", value == null, "value", String.valueOf(value)));
      });
      case "invoke-timeout" -> worker.execute(() -> report(scenario, failure(ipc.invoke("test.never"))));
      case "promise-later" -> worker.execute(() -> report(scenario, value(ipc.invoke("test.later", "x"))));
      case "listeners-arm" -> report(scenario, armListeners());
      case "listeners-count" -> report(scenario, countsAndThreads());
      case "threads" -> threads(event);
      default -> report(scenario, Map.of("error", "unknown command " + args[0]));
    }
  }

  /** A port from main: what to do with it is the message. */
  private void port(IpcRendererEvent event, Object... args) {
    MessagePortMain port = event.getPorts().get(0);
    String[] words = ((String) args[0]).split(" ");
    switch (words[0]) {
      case "echo" -> echo(port);
      case "source" -> source(port, Integer.parseInt(words[1]));
      case "give-back" -> ipc.postMessage("test.port-back", "back", port);
      default -> report("port", Map.of("error", "unknown port mode " + args[0]));
    }
  }

  private void echo(MessagePortMain port) {
    port.onMessage(message -> {
      if ("close".equals(message.getData())) {
        port.close();
      } else {
        port.postMessage(message.getData());
      }
    });
    port.onClose(() -> report("port-closed", Map.of("thread", Thread.currentThread().getName())));
    port.start();
  }

  /** Posts 0..n-1 from the worker and checks that n come back in order, on this renderer's thread. */
  private void source(MessagePortMain port, int count) {
    List<Object> got = new ArrayList<>();
    java.util.Set<String> seenOn = ConcurrentHashMap.newKeySet();
    port.onMessage(message -> {
      got.add(message.getData());
      seenOn.add(Thread.currentThread().getName());
      if (got.size() == count) {
        boolean inOrder = true;
        for (int i = 0; i < count; i++) {
          inOrder &= Integer.valueOf(i).equals(got.get(i)) || Long.valueOf(i).equals(got.get(i));
        }
        // Printed too: main's log has it without main's thread, which a test may be blocking.
        System.out.println("port-source " + got.size() + " " + inOrder);
        report("port-source", Map.of("count", got.size(), "inOrder", inOrder, "threads", String.join(",", seenOn)));
      }
    });
    port.start();
    worker.execute(() -> {
      for (int i = 0; i < count; i++) {
        port.postMessage(i);
      }
    });
  }

  /** Sends on this renderer's own thread, as a listener of it: nothing waits for main here. */
  private void report(String scenario, Map<String, Object> outcome) {
    ipc.send(RESULT, scenario, outcome);
  }

  private static void exhaustHeap() {
    List<long[]> hoard = new ArrayList<>();
    while (true) {
      hoard.add(new long[1 << 20]);
    }
  }

  private static void hang() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Map<String, Object> flood(int messages) {
    List<Promise<Object>> invokes = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      switch (i % 10) {
        case 0 -> ipc.sendSync("test.flood", i);
        case 1 -> invokes.add(ipc.invoke("test.flood", i));
        default -> ipc.send("test.flood", i);
      }
    }
    int failed = 0;
    for (Promise<Object> invoke : invokes) {
      if (failureOf(invoke) != null) {
        failed++;
      }
    }
    return Map.of("sent", messages, "invokes", invokes.size(), "failedInvokes", failed);
  }

  /** An uncloneable argument fails at the caller, here in the child, for send, sendSync and invoke. */
  private Map<String, Object> cloneErrors() {
    Map<String, Object> outcome = new LinkedHashMap<>();
    Object uncloneable = new Object();
    outcome.put("send", thrownBy(() -> ipc.send("test.clone", "fine", List.of(uncloneable))));
    outcome.put("sendSync", thrownBy(() -> ipc.sendSync("test.clone", uncloneable)));
    outcome.put("invoke", thrownBy(() -> ipc.invoke("test.clone", Map.of("deep", uncloneable))));
    return outcome;
  }

  private Map<String, Object> armListeners() {
    IpcRendererListener once = counter("once");
    IpcRendererListener on = counter("on");
    IpcRendererListener removed = counter("removed");
    IpcRendererListener kept = counter("kept");
    ipc.once("test.listeners", once);
    ipc.on("test.listeners", on);
    ipc.on("test.listeners", removed);
    ipc.on("test.listeners", kept);
    ipc.removeListener("test.listeners", removed);
    return Map.of("armed", true);
  }

  private IpcRendererListener counter(String name) {
    counts.put(name, new AtomicInteger());
    return (event, args) -> {
      counts.get(name).incrementAndGet();
      threads.put(name, Thread.currentThread().getName());
    };
  }

  private Map<String, Object> countsAndThreads() {
    Map<String, Object> outcome = new LinkedHashMap<>();
    counts.forEach((name, count) -> outcome.put(name, count.get()));
    threads.forEach((name, thread) -> outcome.put(name + ".thread", thread));
    return outcome;
  }

  /**
   * Runs on this renderer's thread as a listener; the callbacks of the promise of an invoke also
   * run there once main answers.
   */
  private void threads(IpcRendererEvent event) {
    String listener = Thread.currentThread().getName();
    long id = event.getSender().getId();
    Promise<Object> answer = ipc.invoke("test.later", "threads");
    answer.then(resolved -> {
      String then = Thread.currentThread().getName();
      answer.onResolve(() -> report("threads", Map.of("id", id, "listener", listener, "then", then,
          "onResolve", Thread.currentThread().getName())));
      return resolved;
    });
  }

  private static Map<String, Object> failure(Promise<Object> promise) {
    long start = System.nanoTime();
    Throwable failure = failureOf(promise);
    Map<String, Object> outcome = describe(failure);
    outcome.put("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return outcome;
  }

  private static Map<String, Object> value(Promise<Object> promise) {
    long start = System.nanoTime();
    Map<String, Object> outcome = new LinkedHashMap<>();
    try {
      outcome.put("value", promise.getValue());
    } catch (Exception e) {
      outcome.put("error", String.valueOf(e.getCause()));
    }
    outcome.put("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return outcome;
  }

  private static Throwable failureOf(Promise<Object> promise) {
    try {
      return promise.getFailure();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
  }

  private static Map<String, Object> thrownBy(Runnable call) {
    try {
      call.run();
      return describe(null);
    } catch (RuntimeException e) {
      return describe(e);
    }
  }

  private static Map<String, Object> describe(Throwable failure) {
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("type", failure == null ? "none" : failure.getClass().getName());
    outcome.put("message", failure == null ? "" : String.valueOf(failure.getMessage()));
    if (failure instanceof IpcRemoteException remote) {
      outcome.put("remoteType", remote.getRemoteType());
    }
    return outcome;
  }
}
