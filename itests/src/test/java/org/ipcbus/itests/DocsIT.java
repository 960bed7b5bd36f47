package org.ipcbus.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.Test;

/**
 * The papers cannot rot: README.md, CHANGELOG.md and docs/*.md are checked against the repository.
 * Links resolve, the tests that docs/guarantees.md names exist, code blocks marked
 * {@code <!-- from: path -->} are still in that file, the Java of docs/getting-started.md compiles
 * with the dependencies its pom names, the package versions of docs/logging-and-versioning.md are
 * those of the sources, and every page of docs/ is linked from somewhere.
 * Plain JUnit: no framework is started. Each failure names the page, the line and the problem.
 */
public class DocsIT {

  private static final Path ROOT = repositoryRoot();

  /** {@code [text](target)} and {@code ![alt](target)}, with an optional title. */
  private static final Pattern INLINE_LINK =
      Pattern.compile("!?\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  /** A reference definition {@code [label]: target}. */
  private static final Pattern REFERENCE_LINK = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
  private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern FROM_MARKER = Pattern.compile("^\\s*<!--\\s*from:\\s*(\\S+)\\s*-->\\s*$");
  /** A test named in backticks: {@code FooIT}, {@code BarTest} or {@code FooIT.someMethod}. */
  private static final Pattern TEST_NAME =
      Pattern.compile("([A-Z][A-Za-z0-9_]*(?:IT|Test))(?:\\.([a-z][A-Za-z0-9_]*))?");

  // ---- (a) links ------------------------------------------------------------------------------

  @Test
  public void everyRelativeLinkResolves() {
    List<String> problems = new ArrayList<>();
    Map<Path, Set<String>> anchors = new HashMap<>();
    for (Page page : pages()) {
      for (Link link : page.links) {
        String problem = check(page, link, anchors);
        if (problem != null) {
          problems.add(page.where(link.line) + ": broken link [" + link.text + "](" + link.target + "): " + problem);
        }
      }
    }
    assertNoProblems("broken links", problems);
  }

  /** @return why the link does not resolve, or null if it does (absolute URLs are not fetched) */
  private static String check(Page page, Link link, Map<Path, Set<String>> anchors) {
    String target = link.target;
    if (target.isEmpty()) {
      return "empty target";
    }
    if (URL_SCHEME.matcher(target).find()) {
      return null;
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path file = path.isEmpty() ? page.file : resolve(page, path);
    if (!Files.exists(file)) {
      return "no such file " + relative(file);
    }
    if (anchor != null && file.toString().endsWith(".md")) {
      Set<String> known = anchors.computeIfAbsent(file, f -> Page.read(f).anchors());
      if (!known.contains(anchor)) {
        return "no heading with anchor #" + anchor + " in " + relative(file) + " (it has " + known + ")";
      }
    }
    return null;
  }

  // ---- (b) the tests named in docs/guarantees.md ---------------------------------------------

  @Test
  public void everyTestNamedInTheGuaranteesExists() {
    Page guarantees = Page.read(ROOT.resolve("docs/guarantees.md"));
    Map<String, List<Path>> testSources = testSources();
    List<String> problems = new ArrayList<>();
    int named = 0;
    for (int i = 0; i < guarantees.lines.size(); i++) {
      if (guarantees.inFence[i]) {
        continue;
      }
      for (String span : codeSpans(guarantees.lines.get(i))) {
        Matcher test = TEST_NAME.matcher(span);
        if (!test.matches()) {
          continue;
        }
        named++;
        String problem = checkTest(test.group(1), test.group(2), testSources);
        if (problem != null) {
          problems.add(guarantees.where(i + 1) + ": `" + span + "`: " + problem);
        }
      }
    }
    problems.addAll(rowsWithoutATest(guarantees));
    assertTrue("docs/guarantees.md names no test at all", named > 0);
    assertNoProblems("tests named in docs/guarantees.md that do not exist", problems);
  }

  private static String checkTest(String className, String method, Map<String, List<Path>> testSources) {
    List<Path> files = testSources.get(className);
    if (files == null) {
      return "no " + className + ".java under any src/test/java of the repository";
    }
    if (method == null) {
      return null;
    }
    Pattern declaration = Pattern.compile(
        "\\b(?:void|boolean|int|long|[A-Z]\\w*(?:<[^>]*>)?)\\s+" + Pattern.quote(method) + "\\s*\\(");
    for (Path file : files) {
      if (declaration.matcher(read(file)).find()) {
        return null;
      }
    }
    return "no method " + method + " in " + files.stream().map(DocsIT::relative).collect(Collectors.joining(", "));
  }

  /** Every row of the guarantees table must name the test that proves it. */
  private static List<String> rowsWithoutATest(Page guarantees) {
    List<String> problems = new ArrayList<>();
    boolean inTable = false;
    for (int i = 0; i < guarantees.lines.size(); i++) {
      String line = guarantees.lines.get(i).trim();
      if (guarantees.inFence[i] || !line.startsWith("|")) {
        inTable = false;
        continue;
      }
      if (line.matches("\\|[-:| ]+\\|?")) {
        inTable = true;
        continue;
      }
      if (inTable && codeSpans(line).stream().noneMatch(span -> TEST_NAME.matcher(span).matches())) {
        problems.add(guarantees.where(i + 1) + ": a guarantee that names no test class");
      }
    }
    return problems;
  }

  /** @return every {@code *.java} under a {@code src/test/java} of the repository, by simple name */
  private static Map<String, List<Path>> testSources() {
    return sourceFiles("src/test/java/");
  }

  /** @return every {@code *.java} under a folder ending in {@code under} (outside target/), by simple name */
  private static Map<String, List<Path>> sourceFiles(String under) {
    Map<String, List<Path>> sources = new HashMap<>();
    try {
      Files.walkFileTree(ROOT, new SimpleFileVisitor<Path>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
          String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
          boolean skip = !dir.equals(ROOT) && (name.equals("target") || name.startsWith("."));
          return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          String name = file.getFileName().toString();
          if (name.endsWith(".java") && relative(file).contains(under)) {
            sources.computeIfAbsent(name.substring(0, name.length() - ".java".length()), k -> new ArrayList<>())
                .add(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sources;
  }

  // ---- (c) code blocks taken from the repository's files -------------------------------------

  @Test
  public void everyMarkedCodeBlockIsStillInItsFile() {
    List<String> problems = new ArrayList<>();
    for (Page page : pages()) {
      for (int i = 0; i < page.lines.size(); i++) {
        Matcher marker = page.inFence[i] ? null : FROM_MARKER.matcher(page.lines.get(i));
        if (marker == null || !marker.matches()) {
          continue;
        }
        String problem = checkMarkedBlock(page, i, marker.group(1));
        if (problem != null) {
          problems.add(page.where(i + 1) + ": block marked from: " + marker.group(1) + ": " + problem);
        }
      }
    }
    assertTrue("no code block is marked <!-- from: path --> in docs/getting-started.md",
        Page.read(ROOT.resolve("docs/getting-started.md")).lines.stream()
            .anyMatch(line -> FROM_MARKER.matcher(line).matches()));
    assertNoProblems("marked code blocks that are not in their file", problems);
  }

  /**
   * @param markerIndex the 0-based index of the marker line
   * @return what is wrong with the block after the marker, or null: every non-blank line of the
   *     block, whitespace aside, occurs in the file, in the same order
   */
  private static String checkMarkedBlock(Page page, int markerIndex, String path) {
    Block block = page.blockAfter(markerIndex);
    if (block == null) {
      return "no code block follows the marker";
    }
    Path file = ROOT.resolve(path).normalize();
    if (!Files.isRegularFile(file)) {
      return "no such file " + path + " (the path is relative to the repository root)";
    }
    List<String> source = read(file).lines().map(DocsIT::normalize).collect(Collectors.toList());
    int at = 0;
    for (int k = 0; k < block.lines.size(); k++) {
      String wanted = normalize(block.lines.get(k));
      if (wanted.isEmpty()) {
        continue;
      }
      int found = source.subList(at, source.size()).indexOf(wanted);
      if (found < 0) {
        boolean anywhere = source.contains(wanted);
        return "line " + (block.firstLine + k) + " `" + block.lines.get(k).trim() + "` is "
            + (anywhere ? "not in that order in " : "not in ") + path;
      }
      at += found + 1;
    }
    return null;
  }

  // ---- the Java of getting-started.md compiles -----------------------------------------------

  /**
   * The complete Java files shown in docs/getting-started.md (blocks that start with
   * {@code package}) compile together, on Java 17, against exactly the dependencies the page's pom
   * names: the ipcbus api jar of this build and the others from the local Maven repository.
   */
  @Test
  public void theJavaOfGettingStartedCompilesWithThePagesPom() throws IOException {
    Page page = Page.read(ROOT.resolve("docs/getting-started.md"));
    List<Block> sources = page.blocks.stream()
        .filter(block -> block.language.equals("java"))
        .filter(block -> block.lines.stream().anyMatch(line -> line.startsWith("package ")))
        .collect(Collectors.toList());
    Block pom = page.blocks.stream().filter(block -> block.language.equals("xml"))
        .filter(block -> String.join("\n", block.lines).contains("<dependencies>"))
        .findFirst().orElse(null);
    assertNotNull(page.where(1) + ": no xml code block with the pom's <dependencies>", pom);
    assertTrue(page.where(1) + ": no complete Java file (a java block with a package line)", !sources.isEmpty());

    List<String> problems = new ArrayList<>();
    List<String> classpath = classpath(page, pom, problems);
    assertNoProblems("dependencies of the pom in docs/getting-started.md not found", problems);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertNotNull("no Java compiler in this JVM (run the tests on a JDK)", compiler);
    Map<JavaFileObject, Block> files = new LinkedHashMap<>();
    for (Block block : sources) {
      files.put(new BlockSource(block), block);
    }
    Path out = Files.createDirectories(Paths.get(System.getProperty("user.dir"), "target", "docs-it-classes"));
    List<String> options = List.of("--release", "17", "-proc:none", "-d", out.toString(),
        "-classpath", String.join(System.getProperty("path.separator"), classpath));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled = compiler.getTask(null, null, diagnostics, options, null, files.keySet()).call();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      Block block = files.get(diagnostic.getSource());
      int line = block == null ? 0 : block.firstLine + (int) diagnostic.getLineNumber() - 1;
      problems.add(page.where(line) + ": " + diagnostic.getMessage(Locale.ROOT));
    }
    if (!compiled && problems.isEmpty()) {
      problems.add(page.where(1) + ": the Java blocks do not compile");
    }
    assertNoProblems("compile errors in docs/getting-started.md", problems);
  }

  /** @return the jars of the pom block's dependencies; what cannot be found goes to problems */
  private static List<String> classpath(Page page, Block pom, List<String> problems) {
    Path localRepository = Paths.get(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
        System.getProperty("user.home") + "/.m2/repository"));
    Pattern dependency = Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*"
        + "<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>");
    String xml = String.join("\n", pom.lines);
    List<String> jars = new ArrayList<>();
    Matcher matcher = dependency.matcher(xml);
    while (matcher.find()) {
      String group = matcher.group(1).trim();
      String artifact = matcher.group(2).trim();
      String version = matcher.group(3).trim();
      int line = pom.firstLine + (int) xml.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
      Path jar;
      if (group.equals("org.ipcbus") && artifact.equals("api") && System.getProperty("ipcbus.api") != null) {
        jar = Paths.get(System.getProperty("ipcbus.api")); // this build's api, not an older install
        String built = projectVersion();
        if (!version.equals(built)) {
          problems.add(page.where(line) + ": the pom asks for org.ipcbus:api:" + version
              + " but this build makes " + built);
        }
      } else {
        jar = localRepository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
            .resolve(artifact + "-" + version + ".jar");
      }
      if (Files.isRegularFile(jar)) {
        jars.add(jar.toString());
      } else {
        problems.add(page.where(line) + ": " + group + ":" + artifact + ":" + version + " is not at " + jar);
      }
    }
    if (jars.isEmpty() && problems.isEmpty()) {
      problems.add(page.where(pom.firstLine) + ": the pom block names no dependency");
    }
    return jars;
  }

  /** @return the version of the root pom, which every module shares */
  private static String projectVersion() {
    Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(read(ROOT.resolve("pom.xml")));
    return version.find() ? version.group(1).trim() : "?";
  }

  /** One Java block as a compilation unit. */
  private static final class BlockSource extends SimpleJavaFileObject {
    private final String code;

    BlockSource(Block block) {
      super(URI.create("string:///" + sourcePath(block)), Kind.SOURCE);
      this.code = String.join("\n", block.lines);
    }

    private static String sourcePath(Block block) {
      String code = String.join("\n", block.lines);
      Matcher pkg = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;").matcher(code);
      Matcher type = Pattern.compile("(?m)^public\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)")
          .matcher(code);
      String name = type.find() ? type.group(1) : "Block" + block.firstLine;
      return (pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "") + name + ".java";
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }

  // ---- the package versions in docs/logging-and-versioning.md -------------------------------

  /**
   * The table of package versions lists every exported package ({@code @Export} in its
   * package-info.java under a src/main/java) with the {@code @Version} of its sources.
   */
  @Test
  public void thePackageVersionsAreThoseOfTheSources() {
    Page page = Page.read(ROOT.resolve("docs/logging-and-versioning.md"));
    Map<String, String> exported = exportedPackages();
    Pattern row = Pattern.compile("^\\|\\s*`([a-z][\\w.]*)`\\s*\\|\\s*(\\d+\\.\\d+\\.\\d+)\\s*\\|\\s*$");
    List<String> problems = new ArrayList<>();
    Set<String> listed = new TreeSet<>();
    for (int i = 0; i < page.lines.size(); i++) {
      Matcher matcher = page.inFence[i] ? null : row.matcher(page.lines.get(i).trim());
      if (matcher == null || !matcher.matches()) {
        continue;
      }
      String name = matcher.group(1);
      listed.add(name);
      String version = exported.get(name);
      if (version == null) {
        problems.add(page.where(i + 1) + ": `" + name + "` is not an exported package (no package-info.java with @Export)");
      } else if (!version.equals(matcher.group(2))) {
        problems.add(page.where(i + 1) + ": `" + name + "` is " + version + " in its package-info.java, not " + matcher.group(2));
      }
    }
    for (String name : exported.keySet()) {
      if (!listed.contains(name)) {
        problems.add(page.where(1) + ": the exported package " + name + " " + exported.get(name) + " is missing from the table");
      }
    }
    assertNoProblems("package versions in docs/logging-and-versioning.md", problems);
  }

  /** @return package name to {@code @Version} of every package-info.java with {@code @Export} */
  private static Map<String, String> exportedPackages() {
    Map<String, String> packages = new TreeMap<>();
    Pattern version = Pattern.compile("@Version\\(\\s*\"([^\"]+)\"\\s*\\)");
    for (Path file : sourceFiles("src/main/java/").getOrDefault("package-info", List.of())) {
      String code = read(file);
      Matcher matcher = version.matcher(code);
      if (code.contains("@Export") && matcher.find()) {
        String path = relative(file.getParent());
        packages.put(path.substring(path.indexOf("src/main/java/") + "src/main/java/".length()).replace('/', '.'),
            matcher.group(1));
      }
    }
    return packages;
  }

  // ---- (d) no page is an orphan --------------------------------------------------------------

  @Test
  public void everyPageOfDocsIsLinkedFromAnotherPage() {
    List<Page> pages = pages();
    Set<Path> linked = new TreeSet<>();
    for (Page page : pages) {
      for (Link link : page.links) {
        String target = link.target;
        if (URL_SCHEME.matcher(target).find() || target.startsWith("#") || target.isEmpty()) {
          continue;
        }
        int hash = target.indexOf('#');
        Path file = resolve(page, hash < 0 ? target : target.substring(0, hash));
        if (!file.equals(page.file)) {
          linked.add(file);
        }
      }
    }
    List<String> problems = pages.stream()
        .filter(page -> page.file.getParent().equals(ROOT.resolve("docs")))
        .filter(page -> !linked.contains(page.file))
        .map(page -> relative(page.file) + ":1: no other page links to it (link it from README.md or a page of docs/)")
        .collect(Collectors.toList());
    assertNoProblems("pages nobody links to", problems);
  }

  // ---- reading Markdown ----------------------------------------------------------------------

  /** README.md, CHANGELOG.md and every docs/*.md. */
  private static List<Page> pages() {
    List<Page> pages = new ArrayList<>();
    pages.add(Page.read(ROOT.resolve("README.md")));
    pages.add(Page.read(ROOT.resolve("CHANGELOG.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(file -> file.toString().endsWith(".md")).sorted().map(Page::read).forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** A link in a page. */
  private static final class Link {
    final int line;
    final String text;
    final String target;

    Link(int line, String text, String target) {
      this.line = line;
      this.text = text;
      this.target = target;
    }
  }

  /** A fenced code block: its language, its lines and the page line of its first line. */
  private static final class Block {
    final int fenceIndex;
    final int firstLine;
    final String language;
    final List<String> lines;

    Block(int fenceIndex, String language, List<String> lines) {
      this.fenceIndex = fenceIndex;
      this.firstLine = fenceIndex + 2;
      this.language = language;
      this.lines = lines;
    }
  }

  /** One Markdown page: its lines, which of them are inside code fences, its blocks and links. */
  private static final class Page {
    final Path file;
    final List<String> lines;
    final boolean[] inFence;
    final List<Block> blocks = new ArrayList<>();
    final List<Link> links = new ArrayList<>();

    private Page(Path file, List<String> lines) {
      this.file = file;
      this.lines = lines;
      this.inFence = new boolean[lines.size()];
      String fence = null;
      int start = -1;
      String language = "";
      for (int i = 0; i < lines.size(); i++) {
        String trimmed = lines.get(i).trim();
        if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
          fence = trimmed.substring(0, 3);
          start = i;
          language = trimmed.substring(3).trim();
          inFence[i] = true;
        } else if (fence != null) {
          inFence[i] = true;
          if (trimmed.startsWith(fence) && trimmed.substring(3).trim().isEmpty()) {
            blocks.add(new Block(start, language, lines.subList(start + 1, i)));
            fence = null;
          }
        } else {
          findLinks(i, lines.get(i));
        }
      }
    }

    static Page read(Path file) {
      return new Page(file, DocsIT.read(file).lines().collect(Collectors.toList()));
    }

    private void findLinks(int index, String line) {
      List<int[]> code = codeSpanRanges(line);
      Matcher inline = INLINE_LINK.matcher(line);
      while (inline.find()) {
        int at = inline.start();
        if (code.stream().noneMatch(range -> at > range[0] && at < range[1])) {
          links.add(new Link(index + 1, inline.group(1), inline.group(2)));
        }
      }
      Matcher reference = REFERENCE_LINK.matcher(line);
      if (reference.matches()) {
        links.add(new Link(index + 1, "", reference.group(1)));
      }
    }

    /** @return the block whose opening fence follows line {@code index}, blank lines aside */
    Block blockAfter(int index) {
      int next = index + 1;
      while (next < lines.size() && lines.get(next).isBlank()) {
        next++;
      }
      for (Block block : blocks) {
        if (block.fenceIndex == next) {
          return block;
        }
      }
      return null;
    }

    /** @return the anchors GitHub gives this page's headings */
    Set<String> anchors() {
      Set<String> anchors = new TreeSet<>();
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < lines.size(); i++) {
        Matcher heading = inFence[i] ? null : HEADING.matcher(lines.get(i));
        if (heading != null && heading.matches()) {
          String slug = slug(heading.group(2));
          int count = seen.merge(slug, 1, Integer::sum);
          anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
      }
      return anchors;
    }

    String where(int line) {
      return relative(file) + ":" + line;
    }
  }

  /** GitHub's heading anchor: link text kept, lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    return text.toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
        .replace(' ', '-');
  }

  /** @return the [start, end] index pairs of the backtick code spans of a line */
  private static List<int[]> codeSpanRanges(String line) {
    List<int[]> ranges = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      if (line.charAt(i) != '`') {
        i++;
        continue;
      }
      int run = i;
      while (run < line.length() && line.charAt(run) == '`') {
        run++;
      }
      String ticks = line.substring(i, run);
      int close = line.indexOf(ticks, run);
      if (close < 0) {
        break;
      }
      ranges.add(new int[] {i, close + ticks.length() - 1});
      i = close + ticks.length();
    }
    return ranges;
  }

  /** @return the contents of the backtick code spans of a line, trimmed */
  private static List<String> codeSpans(String line) {
    List<String> spans = new ArrayList<>();
    for (int[] range : codeSpanRanges(line)) {
      String span = line.substring(range[0], range[1] + 1);
      int ticks = 0;
      while (span.charAt(ticks) == '`') {
        ticks++;
      }
      spans.add(span.substring(ticks, span.length() - ticks).trim());
    }
    return spans;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Path resolve(Page page, String path) {
    String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    return page.file.getParent().resolve(decoded).normalize();
  }

  private static String normalize(String line) {
    return line.trim().replaceAll("\\s+", " ");
  }

  private static String relative(Path file) {
    return ROOT.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertNoProblems(String what, List<String> problems) {
    assertTrue(problems.size() + " " + what + ":\n" + String.join("\n", problems), problems.isEmpty());
  }

  /** The repository root: the first folder up from the working directory (itests) with README.md and docs/. */
  private static Path repositoryRoot() {
    Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isRegularFile(candidate.resolve("README.md")) && Files.isDirectory(candidate.resolve("docs"))
          && Files.isRegularFile(candidate.resolve("pom.xml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no folder with README.md, docs/ and pom.xml above " + dir);
  }
}
