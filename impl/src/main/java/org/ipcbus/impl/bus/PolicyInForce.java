package org.ipcbus.impl.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.ipcbus.api.IpcMainListener;

/**
 * The access policy the bus enforces, and the application of a new one: checks use it at once; the
 * listeners and handlers added through IpcMain that it refuses are suspended (those it allows again
 * restored); once no delivery to a suspended one is running any more, each follower (the whiteboard
 * trackers) applies it too. Only then is it the applied policy, and the change count moves, so that
 * a tool that sees the new policy in the runtime knows it is applied, not only delivered.
 */
final class PolicyInForce {

  private final ListenerList<IpcMainListener> listeners;
  private final HandlerRegistry handlers;
  private final BusLog log;
  private final ChangeCount changes;
  private volatile AccessPolicy current = AccessPolicy.ALLOW_ALL;
  private volatile AccessPolicy applied = AccessPolicy.ALLOW_ALL;
  /** Held while a registration through IpcMain is checked and added, and while a policy is applied to them. */
  private final Object registrationLock = new Object();
  /** Held for the whole application of a policy: one at a time, followers included. */
  private final Object applyLock = new Object();
  private final List<Consumer<AccessPolicy>> followers = new CopyOnWriteArrayList<>();

  PolicyInForce(ListenerList<IpcMainListener> listeners, HandlerRegistry handlers, BusLog log,
      ChangeCount changes) {
    this.listeners = listeners;
    this.handlers = handlers;
    this.log = log;
    this.changes = changes;
  }

  /** @return the policy every check uses from now on */
  AccessPolicy current() {
    return current;
  }

  /** @return the policy whose application has ended */
  AccessPolicy applied() {
    return applied;
  }

  /** @return the lock a registration through IpcMain holds while it is checked and added */
  Object registrationLock() {
    return registrationLock;
  }

  /** @param follower applies each new policy to what it wired, before the policy counts as applied */
  void follow(Consumer<AccessPolicy> follower) {
    followers.add(follower);
  }

  /** @param policy the policy to apply, on the calling thread */
  void apply(AccessPolicy policy) {
    synchronized (applyLock) {
      List<ListenerEntry<?>> suspended;
      synchronized (registrationLock) {
        current = policy;
        suspended = Suspensions.apply(policy, listeners, handlers, log);
      }
      if (!suspended.isEmpty()) {
        // Outside the lock: a listener that is running may itself be adding one.
        suspended.forEach(ListenerEntry::awaitDelivery);
        changes.bump();
      }
      for (Consumer<AccessPolicy> follower : followers) {
        follower.accept(policy);
      }
      applied = policy;
      changes.bump();
    }
  }
}
