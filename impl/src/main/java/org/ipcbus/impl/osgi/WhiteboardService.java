package org.ipcbus.impl.osgi;

import java.util.List;

import org.ipcbus.api.runtime.FailedServiceDTO;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * One tracked whiteboard service: the channels it is wired to, or why it is not wired. Changes when
 * the service's properties are modified; read by runtime snapshots on other threads.
 *
 * @param <S> the service type
 */
final class WhiteboardService<S> {

  private final ServiceReference<S> reference;
  private final Bundle bundle;
  private final String type;
  private volatile S service;
  private volatile List<String> channels = List.of();
  private volatile int failureReason;
  private volatile String failure;

  WhiteboardService(ServiceReference<S> reference, Class<S> type) {
    this.reference = reference;
    // Kept: an unregistered reference no longer knows its bundle.
    this.bundle = reference.getBundle();
    this.type = type.getName();
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

  void service(S got) {
    this.service = got;
  }

  /** @return the channels it names; empty if its property could not be read */
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

  /**
   * Records why the service is not wired.
   *
   * @param reason a {@code DTOConstants.FAILURE_REASON_} value
   * @param why the message
   * @param named the channels it names, if they could be read
   */
  void failed(int reason, String why, List<String> named) {
    this.channels = List.copyOf(named);
    this.failureReason = reason;
    this.failure = why;
  }

  boolean isWired() {
    return failure == null && !channels.isEmpty();
  }

  /**
   * Describes the service as failed on some channels.
   *
   * @param reason a {@code DTOConstants.FAILURE_REASON_} value
   * @param why the message
   * @param on the channels it failed on
   * @return the DTO
   */
  FailedServiceDTO toFailedDTO(int reason, String why, List<String> on) {
    FailedServiceDTO dto = new FailedServiceDTO();
    dto.serviceId = (Long) reference.getProperty(Constants.SERVICE_ID);
    dto.bundleId = bundle == null ? -1 : bundle.getBundleId();
    dto.serviceType = type;
    dto.channels = on.toArray(String[]::new);
    dto.failureReason = reason;
    dto.failureMessage = why;
    return dto;
  }

  /** @return the DTO of its own failure; call only when {@link #failure()} is not null */
  FailedServiceDTO toFailedDTO() {
    return toFailedDTO(failureReason, failure, channels);
  }

  @Override
  public String toString() {
    return type.substring(type.lastIndexOf('.') + 1) + " service "
        + reference.getProperty(Constants.SERVICE_ID) + " of bundle " + bundle;
  }
}
