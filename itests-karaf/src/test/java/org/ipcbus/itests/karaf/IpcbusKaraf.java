package org.ipcbus.itests.karaf;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;

/** The Karaf every test runs: apache-karaf-minimal, with ipcbus features from this build's repository. */
final class IpcbusKaraf {

  private IpcbusKaraf() {}

  /** @return Karaf with the named features of the ipcbus features repository installed */
  static Option withFeatures(String... names) {
    MavenArtifactUrlReference karaf = maven().groupId("org.apache.karaf")
        .artifactId("apache-karaf-minimal").type("tar.gz").versionAsInProject();
    MavenArtifactUrlReference repository = maven().groupId("org.ipcbus").artifactId("features")
        .type("xml").classifier("features").versionAsInProject();
    return composite(
        karafDistributionConfiguration().frameworkUrl(karaf).name("Apache Karaf")
            .unpackDirectory(new File("target/exam")).useDeployFolder(false),
        configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
        logLevel(LogLevel.WARN),
        // Where Karaf finds the ipcbus artifacts that mvn verify has built but not installed.
        editConfigurationFileExtend("etc/org.ops4j.pax.url.mvn.cfg",
            "org.ops4j.pax.url.mvn.defaultRepositories",
            new File(System.getProperty("ipcbus.repository")).toURI() + "@id=ipcbus@snapshots"),
        features(repository, names));
  }
}
