package org.ipcbus.impl.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The channel access policy, PID {@code org.ipcbus.policy}: which bundles may send on which
 * channels, and which may listen on, handle or intercept them, or send to renderers as main. Each
 * role has its own rules; a channel no rule of a role names is open to every bundle for that role,
 * so without the configuration, or without rules, everything is allowed.
 */
@ObjectClassDefinition(id = AccessPolicyConfiguration.PID, name = "ipcbus channel access policy",
    description = "Which bundles may send on, listen on, handle and intercept which channels, and "
        + "send to renderers as main. Each rule is <channel glob>=<LDAP filter over the bundle's "
        + "manifest headers>, e.g. admin.*=(Bundle-SymbolicName=com.acme.*). For each role, a channel "
        + "that its rules name is open only to bundles matching one of their filters; other channels "
        + "are open to all. An invalid rule makes its role refuse everything until it is fixed.")
@interface AccessPolicyConfiguration {

  /** The configuration PID. */
  String PID = "org.ipcbus.policy";

  @AttributeDefinition(name = "Send rules", required = false,
      description = "Which renderer bundles may send (send, sendSync, invoke) on which channels: "
          + "<channel glob>=<LDAP filter over the sending bundle's manifest headers>.")
  String[] rules() default {};

  @AttributeDefinition(name = "Listen rules", required = false,
      description = "Which bundles may listen on which channels (IpcMain.on/once, IpcMainListener "
          + "services): <channel glob>=<LDAP filter over the registering bundle's manifest headers>.")
  String[] listen_rules() default {};

  @AttributeDefinition(name = "Handle rules", required = false,
      description = "Which bundles may answer invoke on which channels (IpcMain.handle/handleOnce, "
          + "IpcMainHandler services): <channel glob>=<LDAP filter over the registering bundle's "
          + "manifest headers>.")
  String[] handle_rules() default {};

  @AttributeDefinition(name = "Intercept rules", required = false,
      description = "Which bundles' IpcMainInterceptor services see the messages of which channels: "
          + "<channel glob>=<LDAP filter over the registering bundle's manifest headers>.")
  String[] intercept_rules() default {};

  @AttributeDefinition(name = "Main send rules", required = false,
      description = "Which bundles may send to renderers as main on which channels (WebContents.send, "
          + "event.reply, event.getSender().send): <channel glob>=<LDAP filter over the sending "
          + "bundle's manifest headers>.")
  String[] main_send_rules() default {};
}
