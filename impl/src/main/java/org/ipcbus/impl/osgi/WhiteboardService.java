package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.impl.bus.Actor;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * One tracked whiteboard service: the channels it names, those of them the access policy refuses,
 * or why it is not wired at all. Changes when the service's properties are modified or the policy
 * changes; read by runtime snapshots on other threads.
 *
 * @param <S> the service type
 */
final class WhiteboardService<S> {

  private final ServiceReference<S> reference;
  private final Bundle bundle;
  private final Actor actor;
  private final String type;
  private volatile S service;
  private volatile List<String> channels = List.of();
  /** The channels the access policy refuses it, with why; it is wired on the others. */
  private volatile Map<String, String> denied = Map.of();
  private volatile int failureReason;
  private volatile String failure;

  WhiteboardService(ServiceReference<S> reference, Class<S> type) {
    this.reference = reference;
    // Kept: an unregistered reference no longer knows its bundle.
    this.bundle = reference.getBundle();
    this.actor = new Actor(bundle);
    this.type = type.getName();
  }

  ServiceReference<S> reference() {
    return reference;
  }

  Bundle bundle() {
    return bundle;
  }

  /** @return its bundle as the access policy sees it */
  Actor actor() {
    return actor;
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

  /** @return the channels it is wired on: those it names that the access policy allows */
  List<String> allowedChannels() {
    Map<String, String> refused = denied;
    return refused.isEmpty() ? channels
        : channels.stream().filter(channel -> !refused.containsKey(channel)).toList();
  }

  /** @return the channels the access policy refuses it, with why */
  Map<String, String> denied() {
    return denied;
  }

  void denied(Map<String, String> refused) {
    this.denied = Map.copyOf(refused);
  }

  /** @return why it is not wired, null if it is */
  String failure() {
    return failure;
  }

  void wired(List<String> wiredChannels) {
    this.channels = List.copyOf(wiredChannels);
    this.denied = Map.of();
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
    this.denied = Map.of();
    this.failureReason = reason;
    this.failure = why;
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
    dto.serviceId = serviceId();
    dto.bundleId = bundle == null ? -1 : bundle.getBundleId();
    dto.serviceType = type;
    dto.channels = on.toArray(String[]::new);
    dto.failureReason = reason;
    dto.failureMessage = why;
    return dto;
  }

  /**
   * @return the DTOs of why it is not wired: its own failure, or one per reason the access policy
   *     refuses it on some channels
   */
  List<FailedServiceDTO> toFailedDTOs() {
    List<FailedServiceDTO> failed = new ArrayList<>(1);
    if (failure != null) {
      failed.add(toFailedDTO(failureReason, failure, channels));
      return failed;
    }
    Map<String, List<String>> byReason = new TreeMap<>();
    denied.forEach((channel, why) -> byReason.computeIfAbsent(why, key -> new ArrayList<>()).add(channel));
    byReason.forEach((why, on) -> failed.add(toFailedDTO(DTOConstants.FAILURE_REASON_ACCESS_DENIED,
        why, on.stream().sorted().toList())));
    return failed;
  }

  long serviceId() {
    return (Long) reference.getProperty(Constants.SERVICE_ID);
  }

  @Override
  public String toString() {
    return type.substring(type.lastIndexOf('.') + 1) + " service "
        + reference.getProperty(Constants.SERVICE_ID) + " of bundle " + bundle;
  }
}
