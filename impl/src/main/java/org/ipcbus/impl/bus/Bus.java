package org.ipcbus.impl.bus;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.impl.channel.Channels;
import org.ipcbus.impl.clone.DataCloner;
import org.ipcbus.impl.port.PortHolder;
import org.ipcbus.impl.port.Transfer;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;

/**
 * The bus: main's listeners and handlers, the renderers, and the main dispatch thread that joins
 * them. Plain Java, so that unit tests and benchmarks use it without a framework; the OSGi
 * component only registers it.
 *
 * <p>Every message a renderer sends is cloned on the caller's thread, then queued on the one main
 * lane, so the messages of one renderer reach main in call order whatever their kind.
 */
public final class Bus implements AutoCloseable {

  /** How long a listener still running at close may take before it is interrupted. */
  private static final long CLOSE_GRACE_MILLIS = 100;
  private static final long CLOSE_WAIT_MILLIS = 1_000;
  /**
   * How long one renderer's turn may hold a pool worker before the pool leaves it behind and starts
   * another in its place. Short, because nothing changes for the renderer itself (its lane stays
   * serial): only the other renderers stop sharing fewer workers.
   */
  static final long RENDERER_HAND_OFF_MILLIS = 100;

  private final BusLog log;
  private volatile BusConfig config;
  private final SerialLane mainLane;
  private final RendererPool rendererPool;
  private final ScheduledThreadPoolExecutor timer;
  private final ChangeCount changes;
  private final ChannelCounters channelCounters;
  private final ListenerList<IpcMainListener> mainListeners;
  private final HandlerRegistry handlers;
  private final RendererRegistry renderers;
  private final MainDispatcher dispatcher;
  private final Interceptors interceptors;
  private final WebContentsEvents webContentsEvents;
  private final PolicyInForce policy;
  private final Set<MainClient> mainClients = ConcurrentHashMap.newKeySet();
  /** The ports renderers handed to main; those a bundle makes are its MainClient's. */
  private final PortHolder mainPorts;
  private volatile boolean closed;

  /**
   * Creates a bus. Its timer thread starts now, for the watchdog of main's dispatch thread; the
   * dispatch threads start when first needed.
   *
   * @param config the settings
   * @param log where failures are reported
   */
  public Bus(BusConfig config, BusLog log) {
    this.config = config;
    this.log = log;
    this.mainLane = new SerialLane("ipcbus-main", log, RoomReturns::new);
    this.rendererPool = new RendererPool("ipcbus-renderers",
        Runtime.getRuntime().availableProcessors(), log);
    this.timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "ipcbus-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    this.changes = new ChangeCount(timer);
    this.channelCounters = new ChannelCounters(changes, log);
    this.mainListeners = new ListenerList<>(changes);
    this.handlers = new HandlerRegistry(changes, log);
    this.policy = new PolicyInForce(mainListeners, handlers, log, changes);
    this.renderers = new RendererRegistry(this);
    this.interceptors = new Interceptors(this);
    this.webContentsEvents = new WebContentsEvents(this);
    this.dispatcher = new MainDispatcher(this);
    this.mainPorts = newMainPortHolder("main");
    scheduleWatchdog();
    timer.scheduleWithFixedDelay(this::rendererWatchdog, RENDERER_HAND_OFF_MILLIS / 2,
        RENDERER_HAND_OFF_MILLIS / 2, TimeUnit.MILLISECONDS);
  }

  /** @return the holder of the ports renderers transferred to main */
  public PortHolder mainPorts() {
    return mainPorts;
  }

  /**
   * Makes a holder of ports whose listeners run on main's dispatch thread.
   *
   * @param name for messages and the runtime
   * @return the holder
   */
  PortHolder newMainPortHolder(String name) {
    return new PortHolder(name, 0, mainLane::offer, log::error, () -> config.cloneLimits());
  }

  /** @return the settings in force */
  public BusConfig config() {
    return config;
  }

  /**
   * Applies new settings. Nothing queued is lost: a smaller queue capacity or byte budget only makes
   * senders wait until the queues are below it; new timeouts apply to calls made from now on.
   *
   * @param newConfig the settings
   */
  public void reconfigure(BusConfig newConfig) {
    this.config = newConfig;
    renderers.renderers().forEach(renderer -> renderer.resize(newConfig));
    changes.bump();
  }

  /** @return where failures are reported */
  public BusLog log() {
    return log;
  }

  /** @return main's listeners */
  public ListenerList<IpcMainListener> mainListeners() {
    return mainListeners;
  }

  /** @return main's handlers */
  public HandlerRegistry handlers() {
    return handlers;
  }

  /** @return the renderers */
  public RendererRegistry renderers() {
    return renderers;
  }

  /** @return the interceptors that see each message before main's listeners */
  public Interceptors interceptors() {
    return interceptors;
  }

  /** @return the listeners of renderers coming and going */
  public WebContentsEvents webContentsEvents() {
    return webContentsEvents;
  }

  /** @return the workers every renderer's listeners and promise callbacks run on */
  RendererPool rendererPool() {
    return rendererPool;
  }

  /**
   * Runs a task on main's dispatch lane, after what is queued there; dropped if the bus is closed.
   *
   * @param task the task
   */
  void runOnMain(Runnable task) {
    mainLane.offer(task);
  }

  /** @return who may do what with which channel: the policy every check uses from now on */
  public AccessPolicy accessPolicy() {
    return policy.current();
  }

  /**
   * @return the policy whose application has ended: every registration it refuses is suspended or
   *     unwired, every one it allows is live. What the runtime shows as in force.
   */
  public AccessPolicy appliedAccessPolicy() {
    return policy.applied();
  }

  /**
   * Applies a new access policy, as {@link PolicyInForce} says, on the calling thread.
   *
   * @param newPolicy the policy
   */
  public void accessPolicy(AccessPolicy newPolicy) {
    policy.apply(newPolicy);
  }

  /**
   * Adds a follower that applies each new access policy to what it wired, before the policy counts
   * as applied.
   *
   * @param follower told each new policy, on the thread that sets it
   */
  public void followPolicy(Consumer<AccessPolicy> follower) {
    policy.follow(follower);
  }

  /** @return the lock a registration through IpcMain holds while it is checked and added */
  Object policyLock() {
    return policy.registrationLock();
  }

  /** @return the IpcMain clients of the bundles that hold IpcMain now */
  public Set<MainClient> mainClients() {
    return Collections.unmodifiableSet(mainClients);
  }

  void clientCreated(MainClient client) {
    mainClients.add(client);
  }

  void clientReleased(MainClient client) {
    mainClients.remove(client);
  }

  /** @return the count of changes the runtime DTO shows */
  public ChangeCount changes() {
    return changes;
  }

  /** @return the counters of main's channels */
  public ChannelCounters channelCounters() {
    return channelCounters;
  }

  /** @return the thread that times calls out */
  ScheduledExecutorService timer() {
    return timer;
  }

  /**
   * @throws IpcClosedException if the bus is closed
   */
  void checkOpen() {
    if (closed) {
      throw new IpcClosedException("ipcbus is stopped");
    }
  }

  void send(Renderer sender, String channel, Object[] args) {
    Channels.require(channel);
    DataCloner copy = prepare(sender, channel, args);
    enqueue(new MainMessage(dispatcher, sender, channel, copy.args(), copy.bytes(), null));
  }

  void postMessage(Renderer sender, String channel, Object message, MessagePortMain[] transfer) {
    Channels.require(channel);
    DataCloner copy = prepare(sender, channel, new Object[] {message});
    Transfer ports = Transfer.of(transfer, null, "IpcRenderer.postMessage on channel '" + channel
        + "' from WebContents " + sender.getId());
    PostedMessage posted = new PostedMessage(dispatcher, sender, channel, copy.args(), copy.bytes(), ports);
    QueueLimit limit = sender.toMain();
    try {
      limit.enter(posted.bytes(), config.syncTimeoutMillis());
    } catch (RuntimeException e) {
      ports.drop();
      throw e;
    }
    if (!mainLane.offer(posted)) {
      limit.leave(posted.bytes());
      ports.drop();
      throw new IpcClosedException("ipcbus is stopped");
    }
    sender.countSent();
  }

  Object sendSync(Renderer sender, String channel, Object[] args) {
    Channels.require(channel);
    if (mainLane.isCurrentThread()) {
      throw new IllegalStateException("sendSync on channel '" + channel + "' was called on the main "
          + "dispatch thread, where it would wait for itself; use send or invoke there");
    }
    DataCloner copy = prepare(sender, channel, args);
    PendingCall call = new PendingCall(PendingCall.Kind.SEND_SYNC, channel);
    sender.track(call);
    try {
      enqueue(new MainMessage(dispatcher, sender, channel, copy.args(), copy.bytes(), call));
      return call.await(config.syncTimeoutMillis());
    } finally {
      sender.untrack(call);
    }
  }

  Promise<Object> invoke(Renderer sender, String channel, Object[] args) {
    Deferred<Object> deferred = sender.promises().deferred();
    call(PendingCall.Kind.INVOKE, sender, channel, args).whenComplete((value, failure) -> {
      if (failure != null) {
        deferred.fail(failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure);
      } else {
        deferred.resolve(value);
      }
    });
    return new InvokePromise<>(deferred.getPromise());
  }

  /**
   * Queues a sendSync or an invoke for main without waiting for it: the returned future gets main's
   * answer, or fails at the call's timeout or when the renderer or the bus goes away. A bad
   * argument or a refused channel throws now, before anything is queued. The future completes after
   * the call is no longer counted as pending (a failure then comes wrapped in a CompletionException).
   */
  CompletableFuture<Object> call(PendingCall.Kind kind, Renderer sender, String channel, Object[] args) {
    Channels.require(channel);
    DataCloner copy = prepare(sender, channel, args);
    PendingCall call = new PendingCall(kind, channel);
    sender.track(call);
    try {
      long timeout = kind == PendingCall.Kind.SEND_SYNC ? config.syncTimeoutMillis() : config.invokeTimeoutMillis();
      ScheduledFuture<?> timing = timer.schedule(() -> call.fail(call.timeout(timeout)), timeout,
          TimeUnit.MILLISECONDS);
      call.outcome().whenComplete((value, failure) -> timing.cancel(false));
      enqueue(new MainMessage(dispatcher, sender, channel, copy.args(), copy.bytes(), call));
    } catch (RejectedExecutionException e) {
      call.fail(new IpcClosedException("ipcbus is stopped"));
    } catch (RuntimeException e) {
      call.fail(e);
    }
    return call.outcome().whenComplete((value, failure) -> sender.untrack(call));
  }

  /**
   * Stops the bus: every renderer is destroyed (their waiting calls end with IpcClosedException),
   * queued messages are dropped (their room is given back), and the threads end.
   */
  @Override
  public void close() {
    closed = true;
    List<Renderer> ended = renderers.destroyAll("ipcbus stopped");
    mainPorts.closeAll();
    for (Runnable dropped : mainLane.close(false)) {
      if (dropped instanceof MainMessage message) {
        message.sender().toMain().leave(message.bytes());
      } else if (dropped instanceof PostedMessage posted) {
        posted.sender().toMain().leave(posted.bytes());
        posted.ports().drop();
      }
    }
    if (!mainLane.awaitTermination(CLOSE_GRACE_MILLIS)) {
      // A listener is still running: it may be blocked for good, and the bus is going away.
      mainLane.close(true);
      mainLane.awaitTermination(CLOSE_WAIT_MILLIS);
    }
    // The renderers' lanes were closed and their running tasks interrupted by destroyAll.
    rendererPool.close(false);
    if (!rendererPool.awaitTermination(CLOSE_GRACE_MILLIS)) {
      rendererPool.close(true);
      rendererPool.awaitTermination(CLOSE_WAIT_MILLIS);
    }
    timer.shutdownNow();
    webContentsEvents.destroyedAtStop(ended, "ipcbus stopped");
  }

  /**
   * Checks, a few times per hand-off time, whether a listener holds main's dispatch thread too
   * long; if so main goes on without it. Rescheduled each time, so that a new hand-off time applies.
   */
  private void scheduleWatchdog() {
    long period = Math.max(10, Math.min(500, config.handOffMillis() / 10));
    try {
      timer.schedule(this::watchdog, period, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  private void watchdog() {
    String leftBehind = mainLane.handOffIfStalled(TimeUnit.MILLISECONDS.toNanos(config.handOffMillis()));
    if (leftBehind != null) {
      log.warn("A listener held main's dispatch thread for longer than " + config.handOffMillis()
          + " ms: " + leftBehind);
    }
    scheduleWatchdog();
  }

  private void rendererWatchdog() {
    String leftBehind = rendererPool.handOffStalled(
        TimeUnit.MILLISECONDS.toNanos(RENDERER_HAND_OFF_MILLIS));
    if (leftBehind != null) {
      log.warn("A renderer listener held a pool thread for longer than " + RENDERER_HAND_OFF_MILLIS
          + " ms: " + leftBehind);
    }
  }

  /** Checks that the message may be sent, then clones and measures it on the caller's thread. */
  private DataCloner prepare(Renderer sender, String channel, Object[] args) {
    sender.checkLive();
    checkOpen();
    try {
      policy.current().check(sender, channel);
    } catch (IpcAccessDeniedException e) {
      channelCounters.of(channel).deny();
      throw e;
    }
    return DataCloner.cloneMessage(args, config.cloneLimits());
  }

  /**
   * Queues a message for main, waiting for room (a place and its bytes) in its sender's queue up to
   * the sync timeout.
   */
  private void enqueue(MainMessage message) {
    Renderer sender = message.sender();
    QueueLimit limit = sender.toMain();
    limit.enter(message.bytes(), config.syncTimeoutMillis());
    if (!mainLane.offer(message)) {
      limit.leave(message.bytes());
      throw new IpcClosedException("ipcbus is stopped");
    }
    sender.countSent();
  }
}
