package org.ipcbus.itests;

import java.util.Arrays;
import java.util.Optional;

import org.ipcbus.api.runtime.ChannelDTO;
import org.ipcbus.api.runtime.IpcRuntime;
import org.ipcbus.api.runtime.RendererDTO;

/** Looks up one channel or renderer in a fresh runtime DTO. */
final class RuntimeState {

  private RuntimeState() {}

  static Optional<ChannelDTO> findChannel(IpcRuntime runtime, String name) {
    return Arrays.stream(runtime.getRuntimeDTO().channels).filter(dto -> dto.name.equals(name)).findFirst();
  }

  /** @throws AssertionError if the runtime does not know the channel */
  static ChannelDTO channel(IpcRuntime runtime, String name) {
    return findChannel(runtime, name).orElseThrow(() -> new AssertionError("no channel " + name));
  }

  static Optional<RendererDTO> findRenderer(IpcRuntime runtime, long id) {
    return Arrays.stream(runtime.getRuntimeDTO().renderers).filter(dto -> dto.id == id).findFirst();
  }
}
