import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoggerTree } from '../../main/resources/dev/webconsole/web/js/loggertree.js';

test('counts every branch on the path', () => {
  const t = new LoggerTree();
  t.add('com.acme.db.Pool');
  t.add('com.acme.web');
  t.add('org.x');
  assert.equal(t.root.count, 3);
  assert.equal(t.node('com').count, 2);
  assert.equal(t.node('com.acme.db').count, 1);
  assert.equal(t.node('com.acme.db.Pool').path, 'com.acme.db.Pool');
  assert.deepEqual(t.sortedChildren(t.root).map((n) => n.name), ['com', 'org']);
});

test('remove takes counts back and keeps the names', () => {
  const t = new LoggerTree();
  t.add('a.b');
  t.remove('a.b');
  assert.equal(t.node('a.b').count, 0);
  assert.equal(t.root.count, 0);
});

test('ensure creates a node with no count; shape version rises only on new nodes', () => {
  const t = new LoggerTree();
  const v = t.shapeVersion;
  t.ensure('x.y');
  assert.equal(t.node('x.y').count, 0);
  assert.ok(t.shapeVersion > v);
  const v2 = t.shapeVersion;
  t.add('x.y');
  assert.equal(t.shapeVersion, v2);
});

test('the root logger (empty name) counts at the root only', () => {
  const t = new LoggerTree();
  t.add('');
  assert.equal(t.root.count, 1);
  assert.equal(t.root.children.size, 0);
});
