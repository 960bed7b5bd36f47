package org.ipcbus.webconsole.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.api.runtime.RuntimeDTO;
import org.osgi.dto.DTO;
import org.osgi.framework.Constants;

/**
 * The document of {@code data.json}: a {@link RuntimeDTO} and the properties of the
 * {@code IpcRuntime} service (the settings and the access policy in force), as plain maps and lists.
 *
 * <p>Each DTO becomes an object of its public fields under their Java names, so a field added to a
 * DTO shows without a change here; a failed service also gets {@code failureReasonName}. The
 * snapshot's {@code serviceDTO} is left out: the settings and policy say what matters of it.
 */
final class RuntimeSnapshot {

  /** The prefix of the service properties holding the access policy in force, one per role. */
  static final String POLICY_PREFIX = "ipc.access.policy";

  private RuntimeSnapshot() {}

  /**
   * @param state the runtime's snapshot
   * @param properties the IpcRuntime service's properties now
   * @param time when the snapshot was taken, in milliseconds since the epoch
   * @return the document
   */
  static Map<String, Object> of(RuntimeDTO state, Map<String, Object> properties, long time) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("time", time);
    document.put("changeCount", properties.getOrDefault(Constants.SERVICE_CHANGECOUNT, 0L));
    document.put("settings", settings(properties));
    document.put("policy", policy(properties));
    // Every field of the snapshot but the runtime's own service reference, so that one the DTO
    // gains (ports, in 1.2) is served without a change here.
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) value(state);
    fields.remove("serviceDTO");
    fields.put("failedServices", failedServices(state.failedServices));
    document.putAll(fields);
    return document;
  }

  /** The bus settings: every property that is not the framework's, DS's or the policy's. */
  private static Map<String, Object> settings(Map<String, Object> properties) {
    Map<String, Object> settings = new TreeMap<>();
    properties.forEach((key, value) -> {
      if (!key.equals(Constants.OBJECTCLASS) && !key.startsWith("service.") && !key.startsWith("component.")
          && !key.startsWith(POLICY_PREFIX)) {
        settings.put(key, value(value));
      }
    });
    return settings;
  }

  /** Each role's rules in force, by the role's name in the policy: send, listen, handle, ... */
  private static Map<String, Object> policy(Map<String, Object> properties) {
    Map<String, Object> policy = new LinkedHashMap<>();
    Object send = properties.get(POLICY_PREFIX);
    if (send != null) {
      policy.put("send", String.valueOf(send));
    }
    new TreeMap<>(properties).forEach((key, value) -> {
      if (key.startsWith(POLICY_PREFIX + ".")) {
        policy.put(key.substring(POLICY_PREFIX.length() + 1), String.valueOf(value));
      }
    });
    return policy;
  }

  private static List<Object> failedServices(FailedServiceDTO[] failed) {
    List<Object> list = new ArrayList<>();
    for (FailedServiceDTO service : failed == null ? new FailedServiceDTO[0] : failed) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) value(service);
      map.put("failureReasonName", reasonName(service.failureReason));
      list.add(map);
    }
    return list;
  }

  /** @return the reason in the words of {@code ipc:channels} */
  static String reasonName(int failureReason) {
    return switch (failureReason) {
      case DTOConstants.FAILURE_REASON_INVALID_CHANNEL -> "invalid ipc.channel";
      case DTOConstants.FAILURE_REASON_SHADOWED -> "shadowed";
      case DTOConstants.FAILURE_REASON_SERVICE_NOT_GETTABLE -> "not gettable";
      case DTOConstants.FAILURE_REASON_ACCESS_DENIED -> "access denied";
      default -> "failed";
    };
  }

  /** DTOs to maps, arrays to lists; strings, numbers, booleans and null stay as they are. */
  static Object value(Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value.getClass().isArray()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0, n = Array.getLength(value); i < n; i++) {
        list.add(value(Array.get(value, i)));
      }
      return list;
    }
    if (value instanceof DTO) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Field field : value.getClass().getFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          try {
            map.put(field.getName(), value(field.get(value)));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("public field " + field + " is not readable", e);
          }
        }
      }
      return map;
    }
    return String.valueOf(value);
  }
}
