// Stack frames with no DOM: which lines of a Java stack are the JDK's or a common framework's, so
// the page can fold them (detail panel) and group errors by the first frame of application code.

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
