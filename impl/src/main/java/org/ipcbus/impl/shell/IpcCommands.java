package org.ipcbus.impl.shell;

import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.runtime.ChannelDTO;
import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.DeniedRegistrationDTO;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.api.runtime.IpcRuntime;
import org.ipcbus.api.runtime.ListenerDTO;
import org.ipcbus.api.runtime.ProcessDTO;
import org.ipcbus.api.runtime.PortDTO;
import org.ipcbus.api.runtime.RendererDTO;
import org.ipcbus.api.runtime.RuntimeDTO;
import org.ipcbus.impl.osgi.PolicyReport;
import org.ipcbus.impl.process.RendererProcess;
import org.ipcbus.impl.process.RendererProcesses;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo commands of scope {@code ipc}. Gogo is optional: without it this is an unused service.
 * {@code ipc:invoke} calls as the renderer of the ipcbus bundle itself, got on first use.
 */
@Component(service = IpcCommands.class, property = {
    "osgi.command.scope=ipc",
    "osgi.command.function=channels",
    "osgi.command.function=renderers",
    "osgi.command.function=ports",
    "osgi.command.function=stats",
    "osgi.command.function=send",
    "osgi.command.function=invoke",
    "osgi.command.function=processes",
    "osgi.command.function=restart",
    "osgi.command.function=kill",
    "osgi.command.function=policy"})
public final class IpcCommands {

  @Reference
  private IpcRuntime runtime;
  @Reference
  private IpcMain ipcMain;
  @Reference
  private ComponentServiceObjects<IpcRenderer> renderers;
  @Reference
  private RendererProcesses processes;
  @Reference
  private PolicyReport policyReport;

  private IpcRenderer shellRenderer;

  @Deactivate
  synchronized void deactivate() {
    if (shellRenderer != null) {
      renderers.ungetService(shellRenderer);
    }
  }

  @Descriptor("lists main's channels with their listeners and handler, and the failed whiteboard services")
  public String channels() {
    RuntimeDTO dto = runtime.getRuntimeDTO();
    Table channels = new Table("CHANNEL", "LISTENERS", "HANDLER", "MESSAGES", "ERRORS");
    for (ChannelDTO channel : dto.channels) {
      String listeners = Arrays.stream(channel.listeners).map(IpcCommands::describe)
          .collect(Collectors.joining(", "));
      channels.row(channel.name, listeners.isEmpty() ? "-" : listeners,
          channel.handler == null ? "-" : describe(channel.handler), channel.messages, channel.errors);
    }
    StringBuilder output = new StringBuilder(channels.toString());
    Table denied = new Table("CHANNEL", "ROLE", "BUNDLE", "SERVICE", "REASON");
    for (ChannelDTO channel : dto.channels) {
      for (DeniedRegistrationDTO registration : channel.deniedRegistrations) {
        denied.row(channel.name, registration.role, registration.bundleSymbolicName + " ("
            + registration.bundleId + ")", registration.serviceId < 0 ? "-" : registration.serviceId,
            registration.reason);
      }
    }
    if (denied.size() > 0) {
      output.append("\nRefused by the access policy:\n").append(denied);
    }
    Table scoped = new Table("WEBCONTENTS", "CHANNEL", "LISTENERS", "HANDLER");
    for (RendererDTO renderer : dto.renderers) {
      for (ChannelDTO channel : renderer.ipc) {
        String listeners = Arrays.stream(channel.listeners).map(IpcCommands::describe)
            .collect(Collectors.joining(", "));
        scoped.row(renderer.id, channel.name, listeners.isEmpty() ? "-" : listeners,
            channel.handler == null ? "-" : describe(channel.handler));
      }
    }
    if (scoped.size() > 0) {
      output.append("\nScoped to one renderer (webContents.ipc), run before the above:\n").append(scoped);
    }
    if (dto.failedServices.length > 0) {
      Table failed = new Table("SERVICE", "BUNDLE", "TYPE", "CHANNELS", "REASON");
      for (FailedServiceDTO service : dto.failedServices) {
        failed.row(service.serviceId, service.bundleId,
            service.serviceType.substring(service.serviceType.lastIndexOf('.') + 1),
            service.channels.length == 0 ? "-" : String.join(",", service.channels),
            reason(service.failureReason) + ": " + service.failureMessage);
      }
      output.append("\nFailed whiteboard services:\n").append(failed);
    }
    return output.toString();
  }

  @Descriptor("prints the access policy's rules in force for each role, and the bundles each allows now")
  public String policy() {
    Table table = new Table("ROLE", "PROPERTY", "RULE", "ALLOWS NOW");
    for (PolicyReport.Line line : policyReport.lines()) {
      table.row(line.role(), line.property(), line.rule(), line.allows());
    }
    List<String> known = policyReport.knownBundles();
    return table + "\nA channel that no rule of a role names is open to every bundle for that role.\n"
        + "Bundles ipcbus knows now: " + (known.isEmpty() ? "none" : String.join(", ", known)) + "\n";
  }

  @Descriptor("lists the live renderers (WebContents) with their message counts")
  public String renderers() {
    Table table = new Table("ID", "BUNDLE", "SYMBOLIC NAME", "PROCESS", "CREATED", "SENT", "RECEIVED",
        "PENDING SYNC", "PENDING INVOKE", "LISTENS ON");
    for (RendererDTO renderer : runtime.getRuntimeDTO().renderers) {
      table.row(renderer.id, renderer.bundleId, renderer.bundleSymbolicName,
          renderer.processName == null ? "main" : renderer.processName + " (" + renderer.pid + ")",
          Instant.ofEpochMilli(renderer.created).truncatedTo(ChronoUnit.SECONDS),
          renderer.messagesSent, renderer.messagesReceived, renderer.pendingSendSync,
          renderer.pendingInvoke, renderer.channels.length == 0 ? "-" : String.join(",", renderer.channels));
    }
    return table.toString();
  }

  @Descriptor("lists the open MessagePorts: their channel, which port, who holds them, and their queues")
  public String ports() {
    Table table = new Table("CHANNEL", "PORT", "HELD BY", "STARTED", "QUEUED");
    for (PortDTO port : runtime.getRuntimeDTO().ports) {
      table.row(port.channelId, "port" + port.port, port.holder, port.started ? "yes" : "no", port.queued);
    }
    return table.toString();
  }

  @Descriptor("shows the message, error and slow-listener counts of each channel of main")
  public String stats() {
    Table table = new Table("CHANNEL", "MESSAGES", "ERRORS", "SLOW", "LAST ERROR");
    for (ChannelDTO channel : runtime.getRuntimeDTO().channels) {
      table.row(channel.name, channel.messages, channel.errors, channel.slowDeliveries,
          channel.lastError == null ? "-" : channel.lastError);
    }
    return table.toString();
  }

  @Descriptor("sends a message from main to one renderer, as webContents.send")
  public String send(
      @Descriptor("the WebContents id, as ipc:renderers lists it") long rendererId,
      @Descriptor("the channel") String channel,
      @Descriptor("the arguments as a JSON array, quoted, for example '[\"pong\", 1]'") String jsonArgs) {
    Object[] args = Json.parseArgs(jsonArgs);
    WebContents target = ipcMain.fromId(rendererId).orElseThrow(() -> new IllegalArgumentException(
        "No renderer with WebContents id " + rendererId + "; ipc:renderers lists them"));
    target.send(channel, args);
    return "Sent to WebContents " + rendererId + " on channel '" + channel + "'";
  }

  @Descriptor("sends a message from main to one renderer, without arguments")
  public String send(
      @Descriptor("the WebContents id, as ipc:renderers lists it") long rendererId,
      @Descriptor("the channel") String channel) {
    return send(rendererId, channel, "[]");
  }

  @Descriptor("invokes main's handler of a channel as the shell's renderer, and prints the reply as JSON")
  public String invoke(
      @Descriptor("the channel") String channel,
      @Descriptor("the arguments as a JSON array, quoted, for example '[\"ping\", 1]'") String jsonArgs)
      throws Exception {
    Object[] args = Json.parseArgs(jsonArgs);
    try {
      return Json.write(shellRenderer().invoke(channel, args).getValue());
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Descriptor("invokes main's handler of a channel without arguments, and prints the reply as JSON")
  public String invoke(@Descriptor("the channel") String channel) throws Exception {
    return invoke(channel, "[]");
  }

  @Descriptor("lists the renderer processes with their state, restarts and last exit")
  public String processes() {
    Table table = new Table("NAME", "PID", "STATE", "RESTARTS", "RECENT CRASHES", "LAST EXIT", "STARTED",
        "RENDERERS");
    for (ProcessDTO process : runtime.getRuntimeDTO().processes) {
      table.row(process.name, process.pid < 0 ? "-" : process.pid, process.state, process.restarts,
          process.recentCrashes,
          process.lastExitReason == null ? "-" : process.lastExitReason + " (" + process.lastExitCode + ")",
          process.started == 0 ? "-" : Instant.ofEpochMilli(process.started).truncatedTo(ChronoUnit.SECONDS),
          process.renderers.length == 0 ? "-"
              : Arrays.stream(process.renderers).mapToObj(Long::toString).collect(Collectors.joining(",")));
    }
    return table.toString();
  }

  @Descriptor("starts a renderer process again now, killing it first if it runs; forgets its crashes")
  public String restart(@Descriptor("the process name, as ipc:processes lists it") String name) {
    process(name).restart();
    return "Renderer process '" + name + "' is starting again";
  }

  @Descriptor("kills a renderer process (SIGKILL); it is restarted as after any crash")
  public String kill(@Descriptor("the process name, as ipc:processes lists it") String name) {
    process(name).kill();
    return "Renderer process '" + name + "' was killed";
  }

  private RendererProcess process(String name) {
    return processes.find(name).orElseThrow(() -> new IllegalArgumentException(
        "No renderer process named '" + name + "'; ipc:processes lists them"));
  }

  private synchronized IpcRenderer shellRenderer() {
    if (shellRenderer == null) {
      shellRenderer = renderers.getService();
    }
    return shellRenderer;
  }

  private static String describe(ListenerDTO listener) {
    String who = listener.serviceId >= 0
        ? "service " + listener.serviceId + " of bundle " + listener.bundleId
        : "bundle " + listener.bundleId;
    return listener.once ? who + " (once)" : who;
  }

  private static String reason(int failureReason) {
    return switch (failureReason) {
      case DTOConstants.FAILURE_REASON_INVALID_CHANNEL -> "invalid ipc.channel";
      case DTOConstants.FAILURE_REASON_SHADOWED -> "shadowed";
      case DTOConstants.FAILURE_REASON_SERVICE_NOT_GETTABLE -> "not gettable";
      case DTOConstants.FAILURE_REASON_ACCESS_DENIED -> "access denied";
      default -> "failed";
    };
  }
}
