// Reading Java stack text, with no DOM: which frames are the JDK's or a common framework's (so the
// detail panel folds them and the errors panel skips them to find the application's first frame),
// and how a stack splits into the thrown exception, its "Caused by:" chain and suppressed ones.

/** Class-name prefixes of the JDK, JVM languages and common frameworks, servers and libraries. */
export const FRAMEWORK_PREFIXES = Object.freeze([
  'java.', 'javax.', 'jakarta.', 'jdk.', 'sun.', 'com.sun.', 'kotlin.', 'kotlinx.', 'scala.', 'groovy.',
  'org.codehaus.groovy.', 'org.springframework.', 'org.apache.catalina.', 'org.apache.tomcat.',
  'org.apache.coyote.', 'org.eclipse.jetty.', 'org.hibernate.', 'io.netty.', 'reactor.', 'io.reactivex.',
  'org.junit.', 'junit.', 'org.apache.logging.log4j.', 'org.slf4j.', 'ch.qos.logback.',
  'com.fasterxml.jackson.', 'io.undertow.', 'org.glassfish.', 'org.jboss.', 'io.quarkus.', 'io.micronaut.',
  'io.vertx.', 'io.grpc.', 'com.zaxxer.hikari.', 'org.aspectj.', 'net.bytebuddy.', 'org.mockito.',
  'org.apache.maven.', 'org.gradle.', 'io.micrometer.', 'org.postgresql.', 'com.mysql.', 'org.h2.',
]);

const FRAME = /^\s*at\s+(\S[^(]*)/;
/** A frame written without its "at": "com.acme.Svc.run(Svc.java:12)". */
const BARE_FRAME = /^\s*[\w$./@-]+\([^()]*\)\s*$/;

/**
 * The class and method of a stack line ("\tat app//com.acme.Svc.run(Svc.java:12)" gives
 * "com.acme.Svc.run"), without a class loader or module prefix; null when the line is not a frame.
 */
export function frameMethod(line) {
  const m = FRAME.exec(String(line ?? ''));
  if (!m) return null;
  const name = m[1].trim();
  return name.slice(name.lastIndexOf('/') + 1);
}

/**
 * Whether a stack line is a frame of the JDK or a common framework (see FRAMEWORK_PREFIXES), with
 * or without its leading "at", with or without a module prefix ("java.base/java.lang.Thread.run").
 * Generated proxies and lambdas of the JDK count as the JDK's. A line that is no frame is not.
 */
export function isFrameworkFrame(line) {
  const text = String(line ?? '');
  const method = frameMethod(text) ?? (BARE_FRAME.test(text) ? frameMethod('at ' + text.trim()) : null);
  if (!method) return false;
  if (/^(jdk\.proxy\d*|\$Proxy\d+)/.test(method)) return true;
  return FRAMEWORK_PREFIXES.some((p) => method.startsWith(p));
}

const FRAME_LINE = /^\s*at\s+(\S+?)\(/;

/** What a stack line is: 'frame', 'cause' ("Caused by: ..."), 'suppressed', 'more' ("... 5 more") or 'text'. */
export function lineKind(line) {
  const t = String(line).trim();
  if (FRAME_LINE.test(t)) return 'frame';
  if (t.startsWith('Caused by:')) return 'cause';
  if (t.startsWith('Suppressed:')) return 'suppressed';
  if (/^\.\.\. \d+ (more|common frames omitted)/.test(t)) return 'more';
  return 'text';
}

/**
 * A stack as the detail panel shows it: lines in order, where each run of at least `minRun`
 * framework frames becomes one fold. Items: { kind: 'line', text, type } with `type` from lineKind,
 * or { kind: 'fold', lines }.
 */
export function foldStack(stack, minRun = 2) {
  const out = [];
  let run = [];
  const flush = () => {
    if (run.length >= minRun) out.push({ kind: 'fold', lines: run });
    else for (const text of run) out.push({ kind: 'line', text, type: 'frame' });
    run = [];
  };
  for (const text of String(stack ?? '').replace(/\s+$/, '').split(/\r?\n/)) {
    if (isFrameworkFrame(text)) {
      run.push(text);
      continue;
    }
    flush();
    out.push({ kind: 'line', text, type: lineKind(text) });
  }
  flush();
  return out;
}

/**
 * The exception chain of a stack: the thrown one, then each "Caused by:" and "Suppressed:" in
 * order, as { kind: 'thrown' | 'cause' | 'suppressed', type, message }.
 */
export function causeChain(stack) {
  const lines = String(stack ?? '').split(/\r?\n/);
  const out = [];
  lines.forEach((line, i) => {
    const kind = lineKind(line);
    if (i === 0 && kind === 'text' && line.trim()) out.push({ kind: 'thrown', ...typeAndMessage(line.trim()) });
    else if (kind === 'cause') out.push({ kind, ...typeAndMessage(line.trim().slice('Caused by:'.length).trim()) });
    else if (kind === 'suppressed') out.push({ kind, ...typeAndMessage(line.trim().slice('Suppressed:'.length).trim()) });
  });
  return out;
}

function typeAndMessage(text) {
  const i = text.indexOf(': ');
  return i < 0 ? { type: text, message: '' } : { type: text.slice(0, i), message: text.slice(i + 2) };
}
