import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameMethod, isFrameworkFrame, lineKind, foldStack, causeChain } from '../../main/resources/dev/webconsole/web/js/frames.js';

const STACK = [
  'java.lang.IllegalStateException: order 42 failed',
  '\tat com.acme.shop.OrderService.place(OrderService.java:88)',
  '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
  '\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)',
  '\tat org.springframework.aop.support.AopUtils.invokeJoinpointUsingReflection(AopUtils.java:355)',
  '\tat com.acme.shop.web.OrderController.post(OrderController.java:31)',
  '\tat org.eclipse.jetty.server.Server.handle(Server.java:1)',
  'Caused by: java.sql.SQLException: timeout: pool exhausted',
  '\tat app//com.acme.db.Pool.take(Pool.java:3)',
  '\t... 6 more',
  '\tSuppressed: java.io.IOException: close failed',
  '\t\tat com.acme.db.Pool.close(Pool.java:9)',
].join('\n');

test('frameMethod reads the class and method, without module or class loader', () => {
  assert.equal(frameMethod('\tat java.base/java.util.HashMap.get(HashMap.java:1)'), 'java.util.HashMap.get');
  assert.equal(frameMethod('\tat app//com.acme.X.y(X.java:2)'), 'com.acme.X.y');
  assert.equal(frameMethod('\tat com.acme.X.y(X.java:2) ~[classes/:?]'), 'com.acme.X.y');
  assert.equal(frameMethod('Caused by: java.lang.Error'), null);
});

test('JDK and framework frames are told from application frames', () => {
  assert.ok(isFrameworkFrame('\tat java.base/java.lang.Thread.run(Thread.java:1583)'));
  assert.ok(isFrameworkFrame('\tat jdk.internal.reflect.X.y(X.java:1)'));
  assert.ok(isFrameworkFrame('\tat org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1)'));
  assert.ok(isFrameworkFrame('\tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:1)'));
  assert.ok(isFrameworkFrame('\tat io.netty.channel.X.y(X.java:1)'));
  assert.ok(!isFrameworkFrame('\tat com.acme.shop.OrderService.place(OrderService.java:88)'));
  assert.ok(!isFrameworkFrame('\tat javaxx.Foo.bar(Foo.java:1)'), 'a prefix ends at a dot');
  assert.ok(!isFrameworkFrame('java.lang.IllegalStateException: boom'), 'a header line is no frame');
});

test('line kinds: frames, causes, suppressed, "... n more"', () => {
  assert.deepEqual(STACK.split('\n').map(lineKind),
    ['text', 'frame', 'frame', 'frame', 'frame', 'frame', 'frame', 'cause', 'frame', 'more', 'suppressed', 'frame']);
});

test('runs of framework frames fold; single ones and application frames stay', () => {
  const items = foldStack(STACK);
  assert.deepEqual(items.map((i) => (i.kind === 'fold' ? `fold ${i.lines.length}` : i.type)),
    ['text', 'frame', 'fold 3', 'frame', 'frame', 'cause', 'frame', 'more', 'suppressed', 'frame']);
  assert.equal(items[2].lines[0], STACK.split('\n')[2]);
  assert.equal(items.flatMap((i) => (i.kind === 'fold' ? i.lines : [i.text])).join('\n'), STACK, 'nothing is lost');
});

test('the cause chain lists the thrown exception, its causes and suppressed ones', () => {
  assert.deepEqual(causeChain(STACK), [
    { kind: 'thrown', type: 'java.lang.IllegalStateException', message: 'order 42 failed' },
    { kind: 'cause', type: 'java.sql.SQLException', message: 'timeout: pool exhausted' },
    { kind: 'suppressed', type: 'java.io.IOException', message: 'close failed' },
  ]);
  assert.deepEqual(causeChain(''), []);
});
