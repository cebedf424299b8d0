// Reading Java stack text, with no DOM: which frames are the JDK's or a common framework's (so the
// detail panel folds them and the errors panel skips them to find the application's first frame),
// and how a stack splits into the thrown exception, its "Caused by:" chain and suppressed ones.

/** Package prefixes of the JDK and of frameworks a Java application runs inside. */
export const FRAMEWORK_PREFIXES = Object.freeze([
  'java.', 'javax.', 'jakarta.', 'jdk.', 'sun.', 'com.sun.',
  'org.springframework.', 'org.apache.catalina.', 'org.apache.tomcat.', 'org.apache.coyote.',
  'org.eclipse.jetty.', 'io.undertow.', 'org.jboss.', 'org.hibernate.', 'io.netty.', 'reactor.',
  'kotlin.', 'kotlinx.', 'scala.', 'groovy.', 'org.codehaus.groovy.', 'org.junit.', 'junit.',
  'org.apache.logging.log4j.', 'org.slf4j.', 'com.fasterxml.jackson.', 'com.zaxxer.hikari.',
  'org.aspectj.', 'net.bytebuddy.', 'io.micrometer.', 'org.glassfish.', 'io.quarkus.', 'io.micronaut.',
]);

const FRAME = /^\s*at\s+(\S+?)\(/;

/**
 * The class and method of a stack line ("\tat java.base/java.util.Foo.bar(Foo.java:1)" ->
 * "java.util.Foo.bar"), without a module or class loader prefix; null for a line that is no frame.
 */
export function frameMethod(line) {
  const m = FRAME.exec(String(line));
  if (!m) return null;
  const name = m[1];
  return name.slice(name.lastIndexOf('/') + 1);
}

/** Whether a stack line is a frame of the JDK or a common framework (see FRAMEWORK_PREFIXES). */
export function isFrameworkFrame(line) {
  const method = frameMethod(line);
  return method !== null && FRAMEWORK_PREFIXES.some((p) => method.startsWith(p));
}

/** What a stack line is: 'frame', 'cause' ("Caused by: ..."), 'suppressed', 'more' ("... 5 more") or 'text'. */
export function lineKind(line) {
  const t = String(line).trim();
  if (FRAME.test(t)) return 'frame';
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
