package org.ipcbus.host;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcTimeoutException;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.impl.port.OutboxWire;
import org.ipcbus.impl.port.PortRelay;
import org.ipcbus.wire.BundleInfo;
import org.ipcbus.wire.Failures;
import org.ipcbus.wire.FrameOutbox;
import org.ipcbus.wire.FrameReader;
import org.ipcbus.wire.NonBlockingSocket;
import org.ipcbus.wire.FrameWriter;
import org.ipcbus.wire.MessageCodec;
import org.ipcbus.wire.WireFormatException;
import org.ipcbus.wire.WireLimits;
import org.ipcbus.wire.WireMessage;
import org.ipcbus.wire.WireProtocol;
import org.osgi.framework.Bundle;

/**
 * This process's connection to main: the hello, then one reader thread that hands main's frames to
 * the renderers and the waiting calls, and one {@link FrameOutbox} for what the renderers send.
 * When main goes away, every waiting call ends with IpcClosedException, never a hang. From protocol
 * version 2 on, MessagePorts cross it through a {@link PortRelay}, the same mechanism as main's side.
 */
final class HostConnection {

  /** The highest protocol version this host speaks; main answers with the one the connection speaks. */
  static final int PROTOCOL_VERSION = WireProtocol.VERSION;
  /** How long opening a renderer may wait for main. */
  private static final long OPEN_TIMEOUT_MILLIS = 30_000;
  /**
   * The bytes of sends that may wait for main to read them: enough to keep the socket busy, small
   * beside a renderer process's default heap (-Xmx256m), so that a flood waits instead of running
   * the process out of memory.
   */
  private static final long SEND_BUDGET_BYTES = 16L * 1024 * 1024;

  private final NonBlockingSocket channel;
  private final HostLog log;
  private final MainSettings settings;
  private final FrameReader reader;
  private final FrameOutbox outbox;
  private final WireLimits limits;
  private final Consumer<String> onLost;
  private final ScheduledExecutorService timer;
  private final AtomicLong lastCall = new AtomicLong();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread readerThread;
  /** The version main answered with. */
  private final int version;
  /** The ports that cross the connection; null when main speaks version 1, which has none. */
  private final PortRelay ports;
  private volatile RemoteRenderers renderers;

  /** A call waiting for main's answer, and its channel, for the failure's message. */
  private record Pending(CompletableFuture<Object> answer, String channel) {}

  private HostConnection(NonBlockingSocket channel, HostLog log, MainSettings settings, FrameReader reader,
      WireLimits limits, Consumer<String> onLost, int version) {
    this.channel = channel;
    this.version = version;
    this.log = log;
    this.settings = settings;
    this.reader = reader;
    this.limits = limits;
    this.onLost = onLost;
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "ipcbus-host-timer");
      thread.setDaemon(true);
      return thread;
    });
    this.outbox = new FrameOutbox(channel, settings.maxFrameBytes(), SEND_BUDGET_BYTES, "ipcbus-host-writer",
        failure -> lost("writing to main failed: " + failure.getMessage()));
    this.ports = version < WireProtocol.PORTS_VERSION ? null : new PortRelay("main", false, "ipcbus-host-ports",
        new OutboxWire(outbox), log::error, settings::cloneLimits);
    this.readerThread = new Thread(this::readLoop, "ipcbus-host-reader");
    readerThread.setDaemon(true);
  }

  /**
   * Connects to main and says hello.
   *
   * @param settings where main is and this process's secret
   * @param log where failures go
   * @param onLost told once, with the reason, when main goes away
   * @return the connection; it reads once {@link #receiveWith} is called
   * @throws IOException if main cannot be reached or refuses this process
   */
  static HostConnection connect(HostSettings settings, HostLog log, Consumer<String> onLost) throws IOException {
    SocketChannel socketChannel = SocketChannel.open(StandardProtocolFamily.UNIX);
    NonBlockingSocket channel = new NonBlockingSocket(socketChannel);
    try {
      socketChannel.connect(UnixDomainSocketAddress.of(settings.socket()));
      long pid = ProcessHandle.current().pid();
      new FrameWriter(channel, WireProtocol.HANDSHAKE_MAX_FRAME_BYTES).write(MessageCodec.encode(
          new WireMessage.Hello(PROTOCOL_VERSION, settings.name(), settings.secret(), pid)));
      // Main is trusted: what it sends is bounded only by the largest message it allows.
      FrameReader reader = new FrameReader(channel, WireLimits.HIGHEST_MAX_FRAME_BYTES);
      WireLimits limits = new WireLimits(WireLimits.HIGHEST_MAX_FRAME_BYTES, WireLimits.HIGHEST_MAX_DEPTH);
      ByteBuffer first = reader.read();
      if (first == null) {
        throw new IOException("main closed the connection before it answered the hello");
      }
      WireMessage answer = MessageCodec.decode(first, limits);
      if (answer instanceof WireMessage.ProtocolError error) {
        throw new IOException("main refused this process: " + error.message());
      }
      if (!(answer instanceof WireMessage.Welcome welcome)) {
        throw new IOException("main answered the hello with " + answer.kind() + " instead of WELCOME");
      }
      if (welcome.protocolVersion() < WireProtocol.LOWEST_VERSION || welcome.protocolVersion() > PROTOCOL_VERSION) {
        throw new IOException("main speaks protocol version " + welcome.protocolVersion() + "; this host "
            + WireProtocol.LOWEST_VERSION + " to " + PROTOCOL_VERSION);
      }
      // Calls are written by the calling thread when nothing is queued (FrameOutbox#postNow).
      channel.stopBlocking(Math.max(0, welcome.settings().getOrDefault(WireProtocol.READ_SPIN_US, 0L)));
      return new HostConnection(channel, log, MainSettings.of(settings.name(), welcome.settings()), reader,
          limits, onLost, welcome.protocolVersion());
    } catch (WireFormatException e) {
      channel.close();
      throw new IOException("main's answer is malformed: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Starts reading main's frames into these renderers. */
  void receiveWith(RemoteRenderers renderers) {
    this.renderers = renderers;
    readerThread.start();
  }

  /** @return what main told this process */
  MainSettings settings() {
    return settings;
  }

  /** @return the log */
  HostLog log() {
    return log;
  }

  /** @return the timer of the renderers' promises */
  ScheduledExecutorService timer() {
    return timer;
  }

  /**
   * Asks main for the WebContents of a bundle that became a renderer.
   *
   * @return its id
   */
  long open(Bundle bundle) {
    Map<String, String> headers = new LinkedHashMap<>();
    var raw = bundle.getHeaders("");
    for (var keys = raw.keys(); keys.hasMoreElements();) {
      String key = keys.nextElement();
      headers.put(key, raw.get(key));
    }
    BundleInfo info = new BundleInfo(bundle.getSymbolicName(), bundle.getVersion().toString(),
        bundle.getBundleId(), headers);
    long call = lastCall.incrementAndGet();
    CompletableFuture<Object> answer = expect(call, "(open)");
    post(new WireMessage.Open(call, info));
    try {
      return (Long) answer.get(OPEN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.remove(call);
      throw new IpcTimeoutException("main did not open a WebContents for bundle " + bundle.getSymbolicName()
          + " within " + OPEN_TIMEOUT_MILLIS + " ms");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IpcException(e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpcException("opening a WebContents for bundle " + bundle.getSymbolicName() + " was interrupted");
    }
  }

  /** Tells main that a renderer's bundle stopped being a renderer. */
  void close(long wc) {
    post(new WireMessage.Close(wc));
  }

  /** ipcRenderer.send: queued for main, waiting while main reads too slowly. */
  void send(long wc, String channel, Object[] args) {
    checkOpen();
    send(new WireMessage.Send(wc, channel, Arrays.asList(args)), wc, channel);
  }

  private void send(WireMessage message, long wc, String channel) {
    byte[] frame = MessageCodec.encode(message);
    try {
      if (!outbox.postBounded(frame, settings.syncTimeoutMillis())) {
        throw closedException();
      }
    } catch (TimeoutException e) {
      throw new IpcTimeoutException("main's queue for WebContents " + wc + " stayed full for "
          + settings.syncTimeoutMillis() + " ms: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpcException("send on channel '" + channel + "' was interrupted");
    }
  }

  /**
   * ipcRenderer.postMessage with ports: the ports are linked to main, then the message is queued like
   * a send.
   *
   * @throws IllegalStateException if main speaks protocol version 1, or a port cannot be transferred
   */
  void postMessage(long wc, String channel, Object message, MessagePortMain[] transfer) {
    checkOpen();
    String call = "IpcRenderer.postMessage on channel '" + channel + "' from WebContents " + wc
        + " in process '" + settings.name() + "'";
    if (ports == null) {
      throw new IllegalStateException(call + ": main speaks protocol version " + version
          + ", which has no MessagePorts; use send/invoke, or update main");
    }
    PortRelay.Outgoing outgoing = ports.send(Arrays.asList(transfer), call);
    boolean queued = false;
    try {
      send(new WireMessage.Post(wc, channel, message, outgoing.ids()), wc, channel);
      queued = true;
    } finally {
      if (queued) {
        outgoing.start();
      } else {
        outgoing.drop();
      }
    }
  }

  /** ipcRenderer.sendSync, without waiting: the answer completes the future. */
  CompletableFuture<Object> sendSync(long wc, String channel, Object[] args) {
    return call(channel, call -> new WireMessage.SendSync(wc, call, channel, Arrays.asList(args)));
  }

  /** ipcRenderer.invoke: the answer completes the future. */
  CompletableFuture<Object> invoke(long wc, String channel, Object[] args) {
    return call(channel, call -> new WireMessage.Invoke(wc, call, channel, Arrays.asList(args)));
  }

  /** Sends a call under a new call id; main's RESULT or FAILURE for that id completes the future. */
  private CompletableFuture<Object> call(String channel, LongFunction<WireMessage> message) {
    long call = lastCall.incrementAndGet();
    CompletableFuture<Object> answer = expect(call, channel);
    try {
      checkOpen();
      if (!outbox.postNow(MessageCodec.encode(message.apply(call)))) {
        throw closedException();
      }
    } catch (RuntimeException e) {
      answer.completeExceptionally(e); // no answer will come: forget the call
      throw e;
    }
    return answer;
  }

  /** Tells main that a renderer has listeners on a channel now, or none any more. */
  void listen(long wc, String channel, boolean listened) {
    post(listened ? new WireMessage.Listen(wc, channel) : new WireMessage.Unlisten(wc, channel));
  }

  /** Says goodbye and closes: the host is stopping. */
  void close(String reason) {
    if (closed.compareAndSet(false, true)) {
      outbox.post(MessageCodec.encode(new WireMessage.Goodbye(reason)));
      outbox.flushAndClose(1_000);
      end(reason);
    }
  }

  private CompletableFuture<Object> expect(long call, String channel) {
    CompletableFuture<Object> answer = new CompletableFuture<>();
    pending.put(call, new Pending(answer, channel));
    answer.whenComplete((value, failure) -> pending.remove(call));
    if (closed.get()) {
      answer.completeExceptionally(closedException());
    }
    return answer;
  }

  private void post(WireMessage message) {
    checkOpen();
    if (!outbox.post(MessageCodec.encode(message))) {
      throw closedException();
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw closedException();
    }
  }

  private IpcClosedException closedException() {
    return new IpcClosedException("main is gone: renderer process '" + settings.name() + "' is disconnected");
  }

  private void readLoop() {
    try {
      while (!closed.get()) {
        ByteBuffer body = reader.read();
        if (body == null) {
          lost("main closed the connection");
          return;
        }
        handle(MessageCodec.decode(body, limits));
      }
    } catch (IOException e) {
      lost("reading from main failed: " + e.getMessage());
    } catch (WireFormatException | PortRelay.Refused e) {
      outbox.post(MessageCodec.encode(new WireMessage.ProtocolError(e.getMessage())));
      lost("main sent a malformed frame: " + e.getMessage());
    } catch (RuntimeException e) {
      log.error("handling a frame from main failed", e);
      lost("handling a frame from main failed: " + e);
    }
  }

  private void handle(WireMessage message) {
    if (message instanceof WireMessage.Deliver deliver) {
      renderers.deliver(deliver.wc(), deliver.channel(), deliver.args().toArray());
    } else if (message instanceof WireMessage.Post post) {
      renderers.deliverPosted(post.wc(), post.channel(), post.message(), relay(post).receive(post.ports()));
    } else if (message instanceof WireMessage.PortMessage portMessage) {
      relay(portMessage).message(portMessage.port(), portMessage.message(), portMessage.ports());
    } else if (message instanceof WireMessage.PortClose portClose) {
      relay(portClose).close(portClose.port());
    } else if (message instanceof WireMessage.Result result) {
      Pending call = pending.get(result.call());
      if (call != null) {
        call.answer().complete(result.value());
      }
    } else if (message instanceof WireMessage.Failure failure) {
      Pending call = pending.get(failure.call());
      if (call != null) {
        call.answer().completeExceptionally(Failures.toException(failure, call.channel()));
      }
    } else if (message instanceof WireMessage.Opened opened) {
      Pending call = pending.get(opened.call());
      if (call != null) {
        call.answer().complete(opened.wc());
      }
    } else if (message instanceof WireMessage.Ping ping) {
      outbox.post(MessageCodec.encode(new WireMessage.Pong(ping.sequence())));
    } else if (message instanceof WireMessage.Destroyed destroyed) {
      renderers.destroyed(destroyed.wc(), destroyed.reason());
    } else if (message instanceof WireMessage.Goodbye goodbye) {
      lost("main said goodbye: " + goodbye.reason());
    } else if (message instanceof WireMessage.ProtocolError error) {
      lost("main reported a protocol error: " + error.message());
    }
  }

  private PortRelay relay(WireMessage message) {
    if (ports == null) {
      throw new PortRelay.Refused(message.kind() + " needs protocol version " + WireProtocol.PORTS_VERSION
          + "; this connection speaks " + version);
    }
    return ports;
  }

  /** Main is gone: every waiting call ends, then the host is told. */
  private void lost(String reason) {
    if (closed.compareAndSet(false, true)) {
      outbox.close();
      end(reason);
      onLost.accept(reason);
    }
  }

  private void end(String reason) {
    if (ports != null) {
      ports.closeAll(); // the ports main's side held close here, and their other ends hear it
    }
    IpcClosedException gone = new IpcClosedException("main is gone: " + reason);
    List.copyOf(pending.values()).forEach(call -> call.answer().completeExceptionally(gone));
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to do
    }
    timer.shutdownNow();
  }
}
