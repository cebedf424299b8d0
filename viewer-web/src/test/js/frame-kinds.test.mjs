import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFrameworkFrame, frameMethod } from '../../main/resources/dev/webconsole/web/js/frames.js';

test('JDK and framework frames, with or without their module and loader prefix', () => {
  assert.equal(isFrameworkFrame('\tat java.base/java.lang.Thread.run(Thread.java:833)'), true);
  assert.equal(isFrameworkFrame('\tat java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)'), true);
  assert.equal(isFrameworkFrame('\tat jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)'), true);
  assert.equal(isFrameworkFrame('\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)'), true);
  assert.equal(isFrameworkFrame('\tat org.eclipse.jetty.server.Server.handle(Server.java:563)'), true);
  assert.equal(isFrameworkFrame('\tat org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:64)'), true);
  assert.equal(isFrameworkFrame('\tat jdk.proxy2/jdk.proxy2.$Proxy91.save(Unknown Source)'), true);
  assert.equal(isFrameworkFrame('org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:197)'), true, 'no "at"');
});

test('application frames are not framework frames, whatever their loader prefix', () => {
  assert.equal(isFrameworkFrame('\tat com.acme.shop.db.OrderRepository.save(OrderRepository.java:42)'), false);
  assert.equal(isFrameworkFrame('\tat app//com.acme.shop.Main.main(Main.java:9)'), false);
  assert.equal(isFrameworkFrame('\tat javaxx.Foo.bar(Foo.java:1)'), false, 'a prefix ends at a dot');
  assert.equal(isFrameworkFrame('\tat com.sunny.Svc.run(Svc.java:3)'), false);
});

test('lines that are no frame are not framework frames', () => {
  assert.equal(isFrameworkFrame('java.sql.SQLException: timeout'), false);
  assert.equal(isFrameworkFrame('Caused by: java.io.IOException: broken pipe'), false);
  assert.equal(isFrameworkFrame('\t... 12 more'), false);
  assert.equal(isFrameworkFrame(''), false);
  assert.equal(isFrameworkFrame(undefined), false);
});

test('frameMethod drops the "at" and the module or loader prefix', () => {
  assert.equal(frameMethod('\tat java.base/java.lang.Thread.run(Thread.java:833)'), 'java.lang.Thread.run');
  assert.equal(frameMethod('\tat app//com.acme.Svc.run(Svc.java:12)'), 'com.acme.Svc.run');
  assert.equal(frameMethod('\t... 3 more'), null);
});
