package org.ipcbus.impl.osgi;

import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * One tracked whiteboard service: the channels it is wired to, or why it is not wired. Changes when
 * the service's properties are modified.
 *
 * @param <S> the service type
 */
final class WhiteboardService<S> {

  private final ServiceReference<S> reference;
  private final Bundle bundle;
  private S service;
  private List<String> channels = List.of();
  private String failure;

  WhiteboardService(ServiceReference<S> reference) {
    this.reference = reference;
    // Kept: an unregistered reference no longer knows its bundle.
    this.bundle = reference.getBundle();
  }

  ServiceReference<S> reference() {
    return reference;
  }

  Bundle bundle() {
    return bundle;
  }

  /** @return the service object, null until got */
  S service() {
    return service;
  }

  void service(S service) {
    this.service = service;
  }

  /** @return the channels it is wired to; empty when it is not wired */
  List<String> channels() {
    return channels;
  }

  /** @return why it is not wired, null if it is */
  String failure() {
    return failure;
  }

  void wired(List<String> wiredChannels) {
    this.channels = List.copyOf(wiredChannels);
    this.failure = null;
  }

  void failed(String why) {
    this.channels = List.of();
    this.failure = why;
  }

  boolean isWired() {
    return failure == null && !channels.isEmpty();
  }
}
