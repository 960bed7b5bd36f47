package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The seed example through the sample main bundle, with the test probe as the renderer. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SamplesIT extends IpcBusTestSupport {

  @Override
  @Configuration
  public Option[] config() {
    return IpcBusOptions.withSamples();
  }

  @Test
  public void synchronousPingGetsPong() {
    assertEquals("pong", ipcRenderer.sendSync("synchronous-message", "ping"));
  }

  @Test
  public void asynchronousPingGetsPongReply() throws Exception {
    CompletableFuture<Object> reply = new CompletableFuture<>();
    ipcRenderer.once("asynchronous-reply", (event, args) -> reply.complete(args[0]));
    ipcRenderer.send("asynchronous-message", "ping");
    assertEquals("pong", reply.get(5, TimeUnit.SECONDS));
  }
}
