package org.ipcbus.impl.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.WebContentsListener;
import org.ipcbus.impl.channel.Channels;
import org.ipcbus.impl.clone.DataCloner;
import org.ipcbus.impl.port.PortHolder;
import org.ipcbus.impl.port.Transfer;
import org.osgi.framework.Bundle;
import org.osgi.util.promise.PromiseFactory;

/**
 * One renderer: its WebContents identity, its own serial lane on the shared renderer pool for its
 * listeners and promise callbacks, its queue limits and the calls it is waiting for.
 */
public final class Renderer implements WebContents, PolicySubject {

  private static final long MAIN_PID = ProcessHandle.current().pid();

  private final long id;
  private final Bundle bundle;
  private final RemoteOrigin origin;
  private final Bus bus;
  private final PooledLane lane;
  private final long created = System.currentTimeMillis();
  private final ListenerList<IpcRendererListener> listeners;
  private final LongAdder sent = new LongAdder();
  /**
   * Main's messages delivered to it. Written only by its lane, whose tasks never run at once and
   * follow each other in happens-before order, so a plain increment published with an ordered store
   * is exact; no atomic update, and no LongAdder object per renderer, on every delivery.
   */
  private long received;
  private static final VarHandle RECEIVED;

  static {
    try {
      RECEIVED = MethodHandles.lookup().findVarHandle(Renderer.class, "received", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  private final QueueLimit toMain;
  private final QueueLimit fromMain;
  private final Set<PendingCall> pending = ConcurrentHashMap.newKeySet();
  private final RendererClient client;
  private final PromiseFactory promises;
  private final PortHolder ports;
  /** Its webContents.ipc registrations; null until the first. */
  private volatile WebContentsIpc scopedIpc;
  /** The lifecycle listeners added through this WebContents, by the bundles of main. */
  private final List<WebContentsEvents.Registered> lifecycleListeners = new CopyOnWriteArrayList<>();
  private volatile String destroyedReason;
  private volatile Dictionary<String, String> headers;
  /** This renderer as each bundle of main holds it; one object per bundle, so identity holds. */
  private final Map<Bundle, MainWebContents> heldBy = new ConcurrentHashMap<>();

  /**
   * @param id the WebContents id
   * @param bundle the renderer bundle, or for a renderer of another process the bundle that speaks
   *     for it in main
   * @param origin where a renderer of another process comes from; null for one in main's framework
   * @param bus the bus
   */
  Renderer(long id, Bundle bundle, RemoteOrigin origin, Bus bus) {
    this.id = id;
    this.bundle = bundle;
    this.origin = origin;
    this.bus = bus;
    this.lane = bus.rendererPool().newLane();
    lane.owner(this);
    this.listeners = new ListenerList<>(bus.changes());
    BusConfig config = bus.config();
    this.toMain = new QueueLimit("main's queue for WebContents " + id, config.queueCapacity(),
        config.queueBytes());
    this.fromMain = new QueueLimit("the queue of WebContents " + id, config.queueCapacity(),
        config.queueBytes());
    this.client = new RendererClient(this, bus);
    // Promise callbacks run on the renderer's own thread, as they would in an Electron renderer.
    this.promises = new PromiseFactory(lane, bus.timer(),
        PromiseFactory.Option.CALLBACKS_EXECUTOR_THREAD);
    // Port messages run on this renderer's lane, as its other messages do, never on main's.
    this.ports = new PortHolder("WebContents " + id + " (" + describeBundle() + ")", id, lane::offer,
        bus.log()::error, () -> bus.config().cloneLimits());
  }

  @Override
  public long getId() {
    return id;
  }

  @Override
  public Bundle getBundle() {
    return bundle;
  }

  @Override
  public long getOSProcessId() {
    return origin == null ? MAIN_PID : origin.pid();
  }

  /** @return where this renderer comes from if it runs in another process, else null */
  public RemoteOrigin origin() {
    return origin;
  }

  @Override
  public boolean isDestroyed() {
    return destroyedReason != null;
  }

  @Override
  public void send(String channel, Object... args) {
    Channels.require(channel);
    checkLive();
    DataCloner copy = DataCloner.cloneMessage(args, bus.config().cloneLimits());
    queue(new Message(channel, copy.args(), copy.bytes(), Transfer.NONE));
  }

  private void queue(Message message) {
    try {
      fromMain.enter(message.bytes, bus.config().syncTimeoutMillis());
    } catch (RuntimeException e) {
      message.ports.drop();
      throw e;
    }
    if (!lane.offer(message)) {
      fromMain.leave(message.bytes);
      message.ports.drop();
      checkLive();
    }
  }

  @Override
  public void postMessage(String channel, Object message, MessagePortMain... transfer) {
    Channels.require(channel);
    checkLive();
    if (origin != null && !origin.takesPorts() && transfer != null && transfer.length > 0) {
      throw new IllegalStateException("WebContents.postMessage on channel '" + channel + "' to " + this
          + ": its renderer process '" + origin.processName() + "' speaks protocol version "
          + origin.protocolVersion() + ", which has no MessagePorts; post without ports, or update "
          + "that process's renderer host");
    }
    DataCloner copy = DataCloner.cloneMessage(new Object[] {message}, bus.config().cloneLimits());
    Transfer moved = Transfer.of(transfer, null, "WebContents.postMessage on channel '" + channel
        + "' to WebContents " + id);
    queue(new Message(channel, copy.args(), copy.bytes(), moved));
  }

  /** Through this object itself, as a bundle of main not known; bundles get theirs from heldBy. */
  @Override
  public IpcMain ipc() {
    return heldBy(Actor.UNKNOWN).ipc();
  }

  @Override
  public void addWebContentsListener(WebContentsListener listener) {
    addWebContentsListener(listener, Actor.UNKNOWN);
  }

  @Override
  public void removeWebContentsListener(WebContentsListener listener) {
    lifecycleListeners.removeIf(registered -> registered.listener() == listener);
  }

  void addWebContentsListener(WebContentsListener listener, Actor actor) {
    Channels.requireNonNull(listener, "listener");
    checkLive();
    lifecycleListeners.add(new WebContentsEvents.Registered(listener, actor));
    if (isDestroyed()) {
      // Destroyed meanwhile: its destroyed event may have gone; this one would never be called.
      lifecycleListeners.clear();
      checkLive();
    }
  }

  /** @return the lifecycle listeners added through this WebContents */
  List<WebContentsEvents.Registered> lifecycleListeners() {
    return lifecycleListeners;
  }

  /** @return its webContents.ipc registrations, or null if it never had any */
  public WebContentsIpc scopedIpc() {
    return scopedIpc;
  }

  /** @return its webContents.ipc registrations, made now if needed */
  WebContentsIpc scopedIpcForAdding() {
    checkLive();
    WebContentsIpc scoped = scopedIpc;
    if (scoped == null) {
      synchronized (this) {
        scoped = scopedIpc;
        if (scoped == null) {
          scoped = new WebContentsIpc(bus);
          scopedIpc = scoped;
        }
      }
    }
    return scoped;
  }

  /** @return the ports this renderer holds */
  public PortHolder ports() {
    return ports;
  }

  /**
   * Returns this renderer as a bundle of main holds it: what {@code IpcMain.fromId},
   * {@code getAllWebContents} and {@code event.getSender()} give that bundle. Its sends are that
   * bundle's sends as main, which the access policy's main-send rules decide on. A bundle always
   * gets the same object for the same renderer.
   *
   * @param actor the bundle of main
   * @return the WebContents it holds
   */
  public WebContents heldBy(Actor actor) {
    Bundle holder = actor.bundle();
    if (holder == null) {
      return new MainWebContents(this, actor, bus);
    }
    return heldBy.computeIfAbsent(holder, key -> new MainWebContents(this, actor, bus));
  }

  /**
   * @return the manifest headers of its bundle, read once: the framework builds a new dictionary on
   *     each call, and a bundle's headers only change by an update, which ends the renderer
   */
  @Override
  public Dictionary<String, String> headers() {
    Dictionary<String, String> read = headers;
    if (read == null) {
      // raw, not localized: what the bundle's manifest says
      read = origin == null ? bundle.getHeaders("") : origin.policyHeaders();
      headers = read;
    }
    return read;
  }

  /** @return when it was created, in milliseconds since the epoch */
  public long created() {
    return created;
  }

  /** @return the messages it sent to main */
  public long messagesSent() {
    return sent.sum();
  }

  /** @return the messages from main delivered to it */
  public long messagesReceived() {
    return (long) RECEIVED.getOpaque(this);
  }

  /** @return its sendSync calls waiting for main */
  public int pendingSendSync() {
    return countPending(PendingCall.Kind.SEND_SYNC);
  }

  /** @return its invoke calls waiting for main */
  public int pendingInvoke() {
    return countPending(PendingCall.Kind.INVOKE);
  }

  private int countPending(PendingCall.Kind kind) {
    return (int) pending.stream().filter(call -> call.kind() == kind).count();
  }

  void countSent() {
    sent.increment();
  }

  /** @return the IpcRenderer through which this renderer's bundle talks to main */
  public RendererClient client() {
    return client;
  }

  /** @return the listeners main's messages are delivered to */
  public ListenerList<IpcRendererListener> listeners() {
    return listeners;
  }

  /** @return true on the pool thread that runs this renderer's listener or promise callback now */
  boolean laneIsCurrentThread() {
    return lane.isCurrentThread();
  }

  /** @return the factory of this renderer's invoke promises */
  PromiseFactory promises() {
    return promises;
  }

  /** Applies a new queue capacity and byte budget to this renderer's queues. */
  void resize(BusConfig config) {
    toMain.resize(config.queueCapacity(), config.queueBytes());
    fromMain.resize(config.queueCapacity(), config.queueBytes());
  }

  /** @return the bound on this renderer's messages waiting for main */
  QueueLimit toMain() {
    return toMain;
  }

  /** @return the bound on main's messages waiting for this renderer */
  QueueLimit fromMain() {
    return fromMain;
  }

  /**
   * @throws IpcClosedException if this renderer is destroyed
   */
  void checkLive() {
    String reason = destroyedReason;
    if (reason != null) {
      throw new IpcClosedException("WebContents " + id + " is destroyed: " + reason);
    }
  }

  void track(PendingCall call) {
    pending.add(call);
    // A destroy that ran before the add has not seen this call: end it here.
    if (isDestroyed()) {
      call.fail(new IpcClosedException("WebContents " + id + " is destroyed: " + destroyedReason));
    }
  }

  void untrack(PendingCall call) {
    pending.remove(call);
  }

  /**
   * Destroys this renderer: its listeners are dropped, its waiting calls end with an
   * IpcClosedException, messages not yet delivered to it are dropped (their room is given back),
   * senders waiting for room in its queues end with an IpcClosedException, and later sends fail.
   *
   * @param reason why, for the exceptions' messages
   */
  void destroy(String reason) {
    destroyedReason = reason;
    // Before the lane closes: the other ends hear it, and ports on their way here close too.
    ports.closeAll();
    WebContentsIpc scoped = scopedIpc;
    if (scoped != null) {
      scoped.removeAll(owner -> true);
    }
    listeners.removeAll(owner -> true);
    for (PendingCall call : List.copyOf(pending)) {
      call.fail(new IpcClosedException(call.description() + " ended: WebContents " + id
          + " is destroyed: " + reason));
    }
    pending.clear();
    for (Runnable dropped : lane.close(true)) {
      if (dropped instanceof Message message) {
        fromMain.leave(message.bytes);
        message.ports.drop();
      }
    }
    String closed = "WebContents " + id + " is destroyed: " + reason;
    toMain.close(closed);
    fromMain.close(closed);
  }

  private void deliver(String channel, Object[] args, Transfer transfer) {
    RECEIVED.setRelease(this, received + 1);
    RendererEvent event = new RendererEvent(client, channel, transfer.arrive(ports));
    listeners.deliver(channel, new ListenerList.Delivery<>() {
      @Override
      public void call(ListenerEntry<IpcRendererListener> entry) throws Exception {
        entry.listener().onMessage(event, args);
      }

      @Override
      public void failed(IpcRendererListener listener, Throwable failure) {
        bus.log().error("Renderer listener " + listener + " of WebContents " + id + " on channel '"
            + channel + "' threw", failure);
      }
    });
  }

  /** @return the symbolic name of the renderer bundle, wherever it runs */
  public String symbolicName() {
    if (origin != null) {
      return origin.symbolicName();
    }
    return bundle == null ? "none" : bundle.getSymbolicName();
  }

  /** A message from main queued on this renderer's lane; its bytes count until it is taken. */
  private final class Message implements Runnable {
    final String channel;
    final Object[] args;
    final long bytes;
    final Transfer ports;

    Message(String channel, Object[] args, long bytes, Transfer ports) {
      this.channel = channel;
      this.args = args;
      this.bytes = bytes;
      this.ports = ports;
    }

    @Override
    public void run() {
      // Its place in the queue is free as soon as the renderer's thread takes it.
      fromMain.leave(bytes);
      deliver(channel, args, ports);
    }
  }

  /** @return its bundle for messages: "bundle com.acme.x", with "in process 'name'" for another process */
  public String describeBundle() {
    return "bundle " + symbolicName() + (origin == null ? "" : " in process '" + origin.processName() + "'");
  }

  @Override
  public String toString() {
    return "WebContents[id=" + id + ", bundle=" + symbolicName()
        + (origin == null ? "" : ", process=" + origin.processName()) + "]";
  }
}
