package org.ipcbus.itests.karaf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/** Runs a command in a Karaf shell session, as a user at the console would. */
final class KarafShell {

  private KarafShell() {}

  /** @return what the command returned, followed by what it printed */
  static String execute(SessionFactory sessionFactory, String command) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
    try {
      Object result = session.execute(command);
      return (result == null ? "" : result.toString()) + bytes.toString(StandardCharsets.UTF_8);
    } finally {
      session.close();
    }
  }
}
