package org.ipcbus.impl.bus;

import java.util.ArrayList;
import java.util.List;

/** EventEmitter's {@code listenerCount} and {@code eventNames} over a listener list. */
final class Introspection {

  private Introspection() {}

  /** @return the listeners of the channel that a message would run now (not suspended) */
  static int count(ListenerList<?> list, String channel) {
    int count = 0;
    for (ListenerEntry<?> entry : list.get(channel)) {
      if (entry.denial() == null) {
        count++;
      }
    }
    return count;
  }

  /** @return the channels with at least one such listener, sorted */
  static List<String> names(ListenerList<?> list) {
    List<String> names = new ArrayList<>();
    for (String channel : list.channels()) {
      if (count(list, channel) > 0) {
        names.add(channel);
      }
    }
    names.sort(null);
    return names;
  }
}
