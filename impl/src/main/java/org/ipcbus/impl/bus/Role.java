package org.ipcbus.impl.bus;

/**
 * What a bundle does with a channel that the access policy (PID {@code org.ipcbus.policy}) decides
 * on. Each role has rules of its own, in a configuration property of its own; a channel that no rule
 * of a role names is open to every bundle for that role.
 */
public enum Role {

  /** A renderer sends to main on a channel ({@code send}, {@code sendSync}, {@code invoke}). */
  SEND("send", "rules", "send on channel", "every message"),
  /** A bundle of main listens on a channel ({@code IpcMain.on/once}, {@code IpcMainListener}). */
  LISTEN("listen", "listen.rules", "listen on channel", "every listener"),
  /** A bundle of main answers invoke on a channel ({@code IpcMain.handle}, {@code IpcMainHandler}). */
  HANDLE("handle", "handle.rules", "handle channel", "every handler"),
  /** An {@code IpcMainInterceptor} sees the messages of a channel before main's listeners do. */
  INTERCEPT("intercept", "intercept.rules", "intercept channel", "every interceptor"),
  /**
   * A bundle of main sends to a renderer as main ({@code WebContents.send}, {@code event.reply},
   * {@code event.getSender().send}).
   */
  MAIN_SEND("main.send", "main.send.rules", "send to renderers as main on channel", "every message main sends");

  private final String key;
  private final String property;
  private final String action;
  private final String everything;

  Role(String key, String property, String action, String everything) {
    this.key = key;
    this.property = property;
    this.action = action;
    this.everything = everything;
  }

  /** @return its short name, as the runtime DTO and the shell show it: {@code send}, {@code listen}, ... */
  public String key() {
    return key;
  }

  /** @return the property of PID {@code org.ipcbus.policy} that holds its rules */
  public String property() {
    return property;
  }

  /**
   * @return the property of the IpcRuntime service that shows its rules in force; the send rules
   *     keep the name they had before the other roles existed
   */
  public String runtimeProperty() {
    return this == SEND ? "ipc.access.policy" : "ipc.access.policy." + key;
  }

  /** @return what a refused bundle may not do, before the quoted channel: "listen on channel" */
  String action() {
    return action;
  }

  /** @return what an invalid rule of this role refuses: "every listener" */
  public String everything() {
    return everything;
  }
}
