package org.ipcbus.benchmarks.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipcbus.api.IpcMain;
import org.ipcbus.benchmarks.support.FakeBundles;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.BusConfig;
import org.ipcbus.impl.bus.BusLog;
import org.ipcbus.impl.bus.MainClient;
import org.ipcbus.impl.process.ProcessSettings;
import org.ipcbus.impl.process.RendererProcesses;

/**
 * Main in its own JVM, for {@link ChildToMainBenchmark}, whose JMH JVM is the renderer process: the
 * plain-Java {@link Bus} with one renderer process that main does not launch ({@code launch=false}:
 * main makes its socket and secret and waits for whoever starts the process, as
 * docs/processes.md describes). Its listeners: {@value Channels#SEND_SYNC} returns args[0],
 * {@value Channels#INVOKE} is handled with args[0], {@value Channels#ECHO} is answered with
 * {@code event.reply(}{@value Channels#REPLY}{@code , args[0])}.
 *
 * <p>It prints {@code READY <socket> <secret file>}, taken from the line main logs for a process it
 * does not launch, and runs until its standard input ends. Argument: the process's name.
 */
public final class MainPeer {

  private static final Pattern SOCKET = Pattern.compile("IPCBUS_SOCKET=(\\S+)");
  private static final Pattern SECRET_FILE = Pattern.compile("IPCBUS_SECRET_FILE=(\\S+)");

  private MainPeer() {}

  public static void main(String[] args) throws Exception {
    HelperJvm.exitWhenStdinEnds();
    String name = args[0];
    long readSpinMicros = args.length > 1 ? Long.parseLong(args[1]) : 0;
    CompletableFuture<String> howToStart = new CompletableFuture<>();
    BusLog log = new BusLog() {
      @Override
      public void info(String message) {
        if (message.contains("IPCBUS_SOCKET=")) {
          howToStart.complete(message);
        }
      }

      @Override
      public void warn(String message) {
        System.err.println("[main warn] " + message);
      }

      @Override
      public void error(String message, Throwable error) {
        System.err.println("[main error] " + message + (error == null ? "" : ": " + error));
      }
    };
    Bus bus = new Bus(BusConfig.DEFAULTS, log);
    IpcMain main = new MainClient(bus, FakeBundles.next("bench.main"));
    main.on(Channels.SEND_SYNC, (event, values) -> event.setReturnValue(values[0]));
    main.handle(Channels.INVOKE, (event, values) -> values[0]);
    main.on(Channels.ECHO, (event, values) -> event.reply(Channels.REPLY, values[0]));
    RendererProcesses processes = new RendererProcesses(bus, FakeBundles.next("bench.processes"), log);
    processes.start(new ProcessSettings(name, List.of(), HelperJvm.javaExecutable(), Path.of("not-launched.jar"),
        List.of(), Map.of(), false, 0, 300_000, 1_000, 3_000, 0, 60_000, readSpinMicros));
    String line = howToStart.get(30, TimeUnit.SECONDS);
    Matcher socket = SOCKET.matcher(line);
    Matcher secretFile = SECRET_FILE.matcher(line);
    if (!socket.find() || !secretFile.find()) {
      throw new IllegalStateException("cannot read the socket and secret file from: " + line);
    }
    System.out.println("READY " + socket.group(1) + " " + secretFile.group(1));
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      processes.close();
      bus.close();
    }));
    Thread.sleep(Long.MAX_VALUE);
  }
}
