package org.ipcbus.impl.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcRendererEvent;
import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.api.IpcTimeoutException;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.api.WebContents;
import org.ipcbus.impl.bus.BusConfig;
import org.ipcbus.impl.bus.RemoteOrigin;
import org.ipcbus.impl.bus.Renderer;
import org.ipcbus.impl.port.OutboxWire;
import org.ipcbus.impl.port.PortHolder;
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

/**
 * Main's side of one renderer process's connection. Its reader thread takes the process's frames in
 * order and turns them into what an in-process renderer would do: open a WebContents, send,
 * sendSync, invoke, listen. Main's messages to its renderers and the answers to their calls go out
 * through one {@link FrameOutbox}. Anything that breaks the protocol (a malformed or oversized
 * frame, an unknown kind, a WebContents id it does not own) closes the connection with the reason
 * logged: main never crashes and nothing of it is delivered. From protocol version 2 on, MessagePorts
 * cross it through a {@link PortRelay}, whose thread and this connection's reader and writer relay
 * their messages: main's thread never does.
 */
final class MainConnection {

  /** The highest protocol version main speaks; a connection speaks the lower of it and the child's. */
  static final int PROTOCOL_VERSION = WireProtocol.VERSION;
  /** The WELCOME setting with the largest cloned message main accepts. */
  static final String MAX_MESSAGE_BYTES = "max.message.bytes";

  private final NonBlockingSocket channel;
  private final RendererProcess process;
  private final WireMessage.Hello hello;
  /** The version both sides speak: the lower of main's and the child's. */
  private final int version;
  /** The ports that cross this connection; null for a version 1 child, which has none. */
  private final PortRelay ports;
  private final WireLimits limits;
  private final FrameReader reader;
  private final FrameOutbox outbox;
  private final Map<Long, Renderer> renderers = new ConcurrentHashMap<>();
  private final Map<Long, IpcRendererListener> forwarders = new ConcurrentHashMap<>();
  private final Thread readerThread;
  private volatile long lastHeardNanos = System.nanoTime();
  /** Whether the reader is handling a frame, which may wait for room in main's queues. */
  private volatile boolean handling;
  private volatile boolean goodbye;
  private volatile boolean closed;
  private long pings;

  private MainConnection(NonBlockingSocket channel, RendererProcess process, WireMessage.Hello hello,
      WireLimits limits, FrameReader reader) {
    this.channel = channel;
    this.process = process;
    this.hello = hello;
    this.version = Math.min(PROTOCOL_VERSION, hello.protocolVersion());
    this.limits = limits;
    this.reader = reader;
    BusConfig config = process.bus().config();
    this.outbox = new FrameOutbox(channel, limits.maxFrameBytes(), config.queueBytes(),
        "ipcbus-process-" + process.name() + "-writer",
        failure -> process.connectionLost(this, "writing to the process failed: " + failure.getMessage()));
    this.ports = version < WireProtocol.PORTS_VERSION ? null : new PortRelay("renderer process '"
        + process.name() + "'", true, "ipcbus-process-" + process.name() + "-ports", new OutboxWire(outbox),
        process.log()::error, () -> process.bus().config().cloneLimits());
    this.readerThread = new Thread(this::readLoop, "ipcbus-process-" + process.name() + "-reader");
    readerThread.setDaemon(true);
  }

  /**
   * Reads the hello of a new connection and answers it: a wrong version, name or secret, or no
   * hello within the handshake time, is refused.
   *
   * @param channel the accepted connection, of main's own OS user
   * @param process the process it must be
   * @return the connection, not yet reading (see {@link #start})
   * @throws IOException if the connection fails or is refused; the reason is the message
   */
  static MainConnection open(SocketChannel channel, RendererProcess process) throws IOException {
    BusConfig config = process.bus().config();
    WireLimits limits = new WireLimits(frameLimit(config), config.cloneLimits().maxDepth());
    // Until the peer has proven who it is, it cannot make main allocate more than a HELLO needs.
    NonBlockingSocket socket = new NonBlockingSocket(channel);
    FrameReader reader = new FrameReader(socket, WireProtocol.HANDSHAKE_MAX_FRAME_BYTES);
    WireMessage message;
    try {
      message = MessageCodec.decode(readHello(socket, reader, process), limits);
    } catch (WireFormatException e) {
      throw refuse(channel, "a malformed HELLO: " + e.getMessage());
    }
    if (!(message instanceof WireMessage.Hello hello)) {
      throw refuse(channel, "the first frame must be HELLO, was " + message.kind());
    }
    if (hello.protocolVersion() < WireProtocol.LOWEST_VERSION) {
      throw refuse(channel, "protocol version " + hello.protocolVersion() + " is not supported; main speaks "
          + WireProtocol.LOWEST_VERSION + " to " + PROTOCOL_VERSION);
    }
    if (!process.name().equals(hello.processName())) {
      throw refuse(channel, "this socket is for renderer process '" + process.name() + "', not '"
          + hello.processName() + "'");
    }
    if (!process.endpoint().accepts(hello.secret())) {
      throw refuse(channel, "wrong secret for renderer process '" + process.name() + "'");
    }
    reader.maxFrameBytes(limits.maxFrameBytes());
    // Replies are written by the thread that has them, main's dispatch thread among them: without
    // blocking, so that a process which stops reading cannot hold it up (see FrameOutbox#postNow).
    socket.stopBlocking(process.settings().readSpinMicros());
    MainConnection connection = new MainConnection(socket, process, hello, limits, reader);
    connection.outbox.post(MessageCodec.encode(new WireMessage.Welcome(connection.version, Map.of(
        WireProtocol.HEARTBEAT_MS, process.settings().heartbeatMillis(),
        WireProtocol.MAX_FRAME_BYTES, (long) limits.maxFrameBytes(),
        WireProtocol.SYNC_TIMEOUT_MS, config.syncTimeoutMillis(),
        WireProtocol.INVOKE_TIMEOUT_MS, config.invokeTimeoutMillis(),
        WireProtocol.MAX_DEPTH, (long) config.cloneLimits().maxDepth(),
        MAX_MESSAGE_BYTES, config.cloneLimits().maxBytes(),
        WireProtocol.READ_SPIN_US, process.settings().readSpinMicros()))));
    return connection;
  }

  /**
   * Reads the first frame, which must come within {@link WireProtocol#HELLO_TIMEOUT_MILLIS} of
   * connecting: a blocking read cannot time out, so the connection is closed at the deadline, which
   * ends the read.
   */
  private static ByteBuffer readHello(NonBlockingSocket channel, FrameReader reader, RendererProcess process)
      throws IOException {
    long millis = WireProtocol.HELLO_TIMEOUT_MILLIS;
    ScheduledFuture<?> deadline = process.timer().schedule(() -> closeQuietly(channel), millis,
        TimeUnit.MILLISECONDS);
    try {
      ByteBuffer first = reader.read();
      if (first == null) {
        throw new IOException("the connection closed before its HELLO");
      }
      return first;
    } catch (AsynchronousCloseException e) {
      throw new IOException("no HELLO within " + millis + " ms");
    } finally {
      deadline.cancel(false);
    }
  }

  /** Starts reading its frames. */
  void start() {
    readerThread.start();
  }

  /** @return the OS process id the process said it has */
  long pid() {
    return hello.pid();
  }

  /** @return when a frame last came from the process, or when its reading last waited on main */
  long lastHeardNanos() {
    // A reader held up by main's full queue reads nothing: that is main's slowness, not the
    // process's silence.
    return handling ? System.nanoTime() : lastHeardNanos;
  }

  /** @return the holder of the ports that cross this connection, or null for a version 1 child */
  PortHolder ports() {
    return ports == null ? null : ports.holder();
  }

  /** @return whether the process said goodbye before it closed */
  boolean saidGoodbye() {
    return goodbye;
  }

  /** @return its live WebContents */
  List<WebContents> renderers() {
    return new ArrayList<>(renderers.values());
  }

  /** @return the ids of its live WebContents */
  List<Long> rendererIds() {
    return renderers.keySet().stream().sorted().toList();
  }

  /** Sends a heartbeat; the process answers PONG. */
  void ping() {
    outbox.post(MessageCodec.encode(new WireMessage.Ping(++pings)));
  }

  /** Refuses a connection that came when the process already has one. */
  void refuse(String reason) {
    outbox.post(MessageCodec.encode(new WireMessage.ProtocolError(reason)));
    outbox.flushAndClose(500);
    closeChannel();
  }

  /**
   * Closes the connection: its WebContents are destroyed (their waiting calls end with
   * IpcClosedException), and the process is told why unless it is already gone.
   *
   * @param reason why, for the WebContents' destroyed reason
   * @param sayGoodbye whether to tell the process first
   */
  void close(String reason, boolean sayGoodbye) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (Renderer renderer : renderers.values()) {
      process.bus().renderers().detach(renderer, reason);
    }
    renderers.clear();
    if (ports != null) {
      ports.closeAll(); // the ports the process held close, and their other ends hear it
    }
    if (sayGoodbye) {
      outbox.post(MessageCodec.encode(new WireMessage.Goodbye(reason)));
      outbox.flushAndClose(500);
    } else {
      outbox.close();
    }
    closeChannel();
    process.connectionClosed(this, reason);
  }

  private void readLoop() {
    try {
      while (!closed) {
        ByteBuffer body = reader.read();
        if (body == null) {
          process.connectionLost(this, goodbye ? "the process said goodbye" : "the process closed its connection");
          return;
        }
        lastHeardNanos = System.nanoTime();
        handling = true;
        try {
          handle(MessageCodec.decode(body, limits));
        } finally {
          handling = false;
          lastHeardNanos = System.nanoTime();
        }
      }
    } catch (WireFormatException | ProtocolViolation | PortRelay.Refused e) {
      protocolError(e.getMessage());
    } catch (IOException e) {
      if (!closed) {
        process.connectionLost(this, "reading from the process failed: " + e.getMessage());
      }
    } catch (RuntimeException e) {
      process.log().error("Renderer process '" + process.name() + "': handling a frame failed", e);
      protocolError("main could not handle a frame: " + e);
    }
  }

  private void protocolError(String why) {
    process.log().warn("Renderer process '" + process.name() + "' (pid " + pid() + ") broke the protocol and "
        + "is disconnected: " + why);
    outbox.post(MessageCodec.encode(new WireMessage.ProtocolError(why)));
    outbox.flushAndClose(500); // close() drops queued frames: the ERROR would often never leave
    close("its process broke the protocol: " + why, false);
  }

  private void handle(WireMessage message) {
    if (message instanceof WireMessage.Send send) {
      Renderer renderer = own(send.wc());
      send(renderer, send.channel(), send.args().toArray());
    } else if (message instanceof WireMessage.SendSync call) {
      Renderer renderer = own(call.wc());
      answer(call.call(), call.channel(),
          () -> renderer.client().sendSyncAsync(call.channel(), call.args().toArray()));
    } else if (message instanceof WireMessage.Invoke call) {
      Renderer renderer = own(call.wc());
      answer(call.call(), call.channel(),
          () -> renderer.client().invokeAsync(call.channel(), call.args().toArray()));
    } else if (message instanceof WireMessage.Listen listen) {
      own(listen.wc()).listeners().add(listen.channel(), forwarder(listen.wc()), false, this);
    } else if (message instanceof WireMessage.Unlisten unlisten) {
      own(unlisten.wc()).listeners().remove(unlisten.channel(), forwarder(unlisten.wc()), owner -> owner == this);
    } else if (message instanceof WireMessage.Post post) {
      posted(own(post.wc()), post);
    } else if (message instanceof WireMessage.PortMessage portMessage) {
      relay(portMessage.kind()).message(portMessage.port(), portMessage.message(), portMessage.ports());
    } else if (message instanceof WireMessage.PortClose portClose) {
      relay(portClose.kind()).close(portClose.port());
    } else if (message instanceof WireMessage.Open open) {
      opened(open);
    } else if (message instanceof WireMessage.Close close) {
      Renderer renderer = own(close.wc());
      renderers.remove(close.wc());
      forwarders.remove(close.wc());
      process.bus().renderers().detach(renderer, "its bundle stopped using ipcbus");
    } else if (message instanceof WireMessage.Ping ping) {
      outbox.post(MessageCodec.encode(new WireMessage.Pong(ping.sequence())));
    } else if (message instanceof WireMessage.Pong) {
      // lastHeardNanos is already set: any frame proves the process alive
    } else if (message instanceof WireMessage.Goodbye) {
      goodbye = true;
    } else if (message instanceof WireMessage.ProtocolError error) {
      throw new ProtocolViolation("the process reported a protocol error: " + error.message());
    } else {
      throw new ProtocolViolation(message.kind() + " is not a message a renderer process sends");
    }
  }

  private void opened(WireMessage.Open open) {
    BundleInfo bundle = open.bundle();
    RemoteOrigin origin = new RemoteOrigin(process.name(), pid(), bundle.symbolicName(), bundle.version(),
        bundle.bundleId(), bundle.headers(), version);
    Renderer renderer;
    try {
      renderer = process.bus().renderers().attach(process.speaker(), origin);
    } catch (IpcClosedException e) {
      outbox.post(MessageCodec.encode(Failures.of(open.call(), e)));
      return;
    }
    renderers.put(renderer.getId(), renderer);
    outbox.post(MessageCodec.encode(new WireMessage.Opened(open.call(), renderer.getId())));
  }

  /** Runs a call and sends its answer, RESULT or FAILURE, when it comes. */
  private void answer(long call, String channel, Supplier<CompletableFuture<Object>> start) {
    CompletableFuture<Object> answer;
    try {
      answer = start.get();
    } catch (RuntimeException e) {
      outbox.post(MessageCodec.encode(Failures.of(call, e)));
      return;
    }
    answer.whenComplete((value, failure) -> {
      if (failure == null) {
        outbox.postNow(MessageCodec.encode(new WireMessage.Result(call, value)));
      } else {
        outbox.postNow(MessageCodec.encode(Failures.of(call, unwrap(failure))));
      }
    });
  }

  /** A send: the reader waits while main's queue for this renderer is full, so the socket pushes back. */
  private void send(Renderer renderer, String channel, Object[] args) {
    try {
      renderer.client().send(channel, args);
    } catch (RuntimeException e) {
      // The sender's call has returned long ago: the failure can only be logged (and is counted
      // where the bus counts it, e.g. as denied).
      process.log().warn("Renderer process '" + process.name() + "': send on channel '" + channel
          + "' from WebContents " + renderer.getId() + " failed: " + e.getMessage());
    }
  }

  /** ipcRenderer.postMessage with ports: the ports are the process's, linked here, for the bus to transfer. */
  private void posted(Renderer renderer, WireMessage.Post post) {
    requirePorts(post.kind());
    List<MessagePortMain> transfer = ports.receive(post.ports());
    try {
      renderer.client().postMessage(post.channel(), post.message(), transfer.toArray(MessagePortMain[]::new));
    } catch (RuntimeException e) {
      // As a failed send: the sender's call returned long ago. Its ports close, so their other ends hear it.
      transfer.forEach(port -> {
        if (!port.isClosed()) {
          try {
            port.close();
          } catch (IllegalStateException transferred) {
            // the bus took it before failing: the bus closes it
          }
        }
      });
      process.log().warn("Renderer process '" + process.name() + "': postMessage on channel '" + post.channel()
          + "' from WebContents " + renderer.getId() + " failed: " + e.getMessage());
    }
  }

  private PortRelay relay(org.ipcbus.wire.MessageKind kind) {
    requirePorts(kind);
    return ports;
  }

  private void requirePorts(org.ipcbus.wire.MessageKind kind) {
    if (ports == null) {
      throw new ProtocolViolation(kind + " needs protocol version " + WireProtocol.PORTS_VERSION
          + "; this connection speaks " + version);
    }
  }

  /** The listener that forwards main's messages on one WebContents to the process. */
  private IpcRendererListener forwarder(long wc) {
    return forwarders.computeIfAbsent(wc, id -> new Forwarder(id));
  }

  private Renderer own(long wc) {
    Renderer renderer = renderers.get(wc);
    if (renderer == null) {
      throw new ProtocolViolation("WebContents " + wc + " is not one of this process's");
    }
    return renderer;
  }

  private void closeChannel() {
    closeQuietly(channel);
  }

  private static void closeQuietly(Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  private static IOException refuse(SocketChannel channel, String reason) {
    try {
      new FrameWriter(channel, WireProtocol.HANDSHAKE_MAX_FRAME_BYTES)
          .write(MessageCodec.encode(new WireMessage.ProtocolError(reason)));
    } catch (IOException | RuntimeException e) {
      // the refusal is logged by the caller either way
    }
    return new IOException(reason);
  }

  private static int frameLimit(BusConfig config) {
    // A frame holds one message: its cloned size plus framing and CBOR overhead.
    return (int) Math.min(Integer.MAX_VALUE - 8, config.cloneLimits().maxBytes() + 64 * 1024);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /** A frame the protocol does not allow here; the connection closes. */
  private static final class ProtocolViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProtocolViolation(String message) {
      super(message, null, false, false);
    }
  }

  /** Forwards main's messages to one WebContents of the process, waiting while the process reads too slowly. */
  private final class Forwarder implements IpcRendererListener {
    private final long wc;

    Forwarder(long wc) {
      this.wc = wc;
    }

    @Override
    public void onMessage(IpcRendererEvent event, Object... args) throws Exception {
      List<MessagePortMain> transferred = event.getPorts();
      if (transferred.isEmpty()) {
        post(MessageCodec.encode(new WireMessage.Deliver(wc, event.getChannel(), Arrays.asList(args))), null);
        return;
      }
      // webContents.postMessage: the ports go on from this WebContents' holder in main to the relay.
      PortRelay.Outgoing outgoing = ports.send(transferred, "webContents.postMessage on channel '"
          + event.getChannel() + "' to WebContents " + wc + " of renderer process '" + process.name() + "'");
      post(MessageCodec.encode(new WireMessage.Post(wc, event.getChannel(), args.length == 0 ? null : args[0],
          outgoing.ids())), outgoing);
    }

    /** Queues a frame, waiting while the process reads too slowly; then the ports it announces may carry messages. */
    private void post(byte[] frame, PortRelay.Outgoing announced) {
      boolean queued = false;
      try {
        queued = outbox.postBounded(frame, process.bus().config().syncTimeoutMillis());
      } catch (TimeoutException e) {
        throw new IpcTimeoutException("WebContents " + wc + " of renderer process '" + process.name()
            + "': " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IpcTimeoutException("WebContents " + wc + " of renderer process '" + process.name()
            + "': interrupted");
      } finally {
        if (announced != null) {
          if (queued) {
            announced.start();
          } else {
            announced.drop();
          }
        }
      }
    }

    @Override
    public String toString() {
      return "the connection of renderer process '" + process.name() + "'";
    }
  }
}
