package org.ipcbus.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.ipcbus.api.runtime.ChannelDTO;
import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.api.runtime.ListenerDTO;
import org.ipcbus.api.runtime.PortDTO;
import org.ipcbus.api.runtime.ProcessDTO;
import org.ipcbus.api.runtime.RendererDTO;
import org.ipcbus.api.runtime.RuntimeDTO;
import org.junit.jupiter.api.Test;

class RuntimeSnapshotTest {

  private static RuntimeDTO state() {
    RuntimeDTO state = new RuntimeDTO();
    ListenerDTO listener = new ListenerDTO();
    listener.serviceId = 56;
    listener.bundleId = 18;
    ChannelDTO channel = new ChannelDTO();
    channel.name = "asynchronous-message";
    channel.listeners = new ListenerDTO[] {listener};
    channel.messages = 3;
    channel.deniedRegistrations = new org.ipcbus.api.runtime.DeniedRegistrationDTO[0];
    RendererDTO renderer = new RendererDTO();
    renderer.id = 1;
    renderer.bundleSymbolicName = "org.ipcbus.sample.renderer";
    renderer.channels = new String[] {"asynchronous-reply"};
    FailedServiceDTO failed = new FailedServiceDTO();
    failed.serviceId = 61;
    failed.channels = new String[0];
    failed.failureReason = DTOConstants.FAILURE_REASON_INVALID_CHANNEL;
    failed.failureMessage = "ipc.channel must be a String or String[], was java.lang.Integer";
    state.channels = new ChannelDTO[] {channel};
    state.renderers = new RendererDTO[] {renderer};
    state.failedServices = new FailedServiceDTO[] {failed};
    state.processes = new ProcessDTO[0];
    PortDTO port = new PortDTO();
    port.channelId = 7;
    port.holder = "org.ipcbus.sample.renderer (24)";
    state.ports = new PortDTO[] {port};
    return state;
  }

  @Test
  void theDocumentHoldsTheDtosByFieldNameAndTheServicePropertiesSorted() {
    Map<String, Object> properties = Map.of("objectClass", new String[] {"org.ipcbus.api.runtime.IpcRuntime"},
        "service.id", 12L, "service.changecount", 9L, "component.name", "x", "sync.timeout.ms", 30000L,
        "ipc.access.policy", "allow all", "ipc.access.policy.main.send", "deny all: broken");
    Map<String, Object> document = RuntimeSnapshot.of(state(), properties, 1234L);

    assertEquals(List.of("time", "changeCount", "settings", "policy", "channels", "renderers", "failedServices",
        "processes", "ports"), List.copyOf(document.keySet()));
    assertEquals(1234L, document.get("time"));
    assertEquals(9L, document.get("changeCount"));
    assertEquals(Map.of("sync.timeout.ms", 30000L), document.get("settings"));
    assertEquals(Map.of("send", "allow all", "main.send", "deny all: broken"), document.get("policy"));
    @SuppressWarnings("unchecked")
    Map<String, Object> channel = ((List<Map<String, Object>>) document.get("channels")).get(0);
    assertEquals("asynchronous-message", channel.get("name"));
    assertEquals(3L, channel.get("messages"));
    assertEquals(List.of(Map.of("serviceId", 56L, "bundleId", 18L, "once", false)), channel.get("listeners"));
    assertEquals(null, channel.get("handler"));
    @SuppressWarnings("unchecked")
    Map<String, Object> failed = ((List<Map<String, Object>>) document.get("failedServices")).get(0);
    assertEquals("invalid ipc.channel", failed.get("failureReasonName"));
    assertEquals(DTOConstants.FAILURE_REASON_INVALID_CHANNEL, failed.get("failureReason"));
    assertEquals(List.of(), document.get("processes"));
    @SuppressWarnings("unchecked")
    Map<String, Object> port = ((List<Map<String, Object>>) document.get("ports")).get(0);
    assertEquals(7L, port.get("channelId"));
    assertEquals("org.ipcbus.sample.renderer (24)", port.get("holder"));
  }

  @Test
  void everyReasonHasItsShellName() {
    assertEquals("shadowed", RuntimeSnapshot.reasonName(DTOConstants.FAILURE_REASON_SHADOWED));
    assertEquals("not gettable", RuntimeSnapshot.reasonName(DTOConstants.FAILURE_REASON_SERVICE_NOT_GETTABLE));
    assertEquals("access denied", RuntimeSnapshot.reasonName(DTOConstants.FAILURE_REASON_ACCESS_DENIED));
    assertEquals("failed", RuntimeSnapshot.reasonName(DTOConstants.FAILURE_REASON_UNKNOWN));
  }
}
