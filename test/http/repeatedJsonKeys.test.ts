import { repeatedJsonKeys } from '../../src/http/repeatedJsonKeys';

describe('repeatedJsonKeys', () => {
  it('finds nothing in JSON that gives each key once per object, the same key in two objects included', () => {
    expect(repeatedJsonKeys('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}')).toEqual([]);
    expect(repeatedJsonKeys('[1,"a","a",{"a":null}]')).toEqual([]);
    expect(repeatedJsonKeys('"a"')).toEqual([]);
  });

  it('names each repeated key by its path, nested in objects and arrays', () => {
    expect(repeatedJsonKeys('{"a":1,"a":2}')).toEqual(['a']);
    expect(repeatedJsonKeys('{"slots":[{"x":1},{"x":1,"y":2,"x":3}],"b":0,"b":1}')).toEqual(['slots.1.x', 'b']);
    expect(repeatedJsonKeys('{"s":{"t":{"u":1,"u":2}}}')).toEqual(['s.t.u']);
  });

  it('reads keys as JSON.parse does: escapes are the same key, and text inside strings is not structure', () => {
    expect(repeatedJsonKeys('{"role":1,"\\u0072ole":2}')).toEqual(['role']);
    expect(repeatedJsonKeys('{"a":"{\\"a\\":1,\\"a\\":2}","b":"x,\\"b\\":"}')).toEqual([]);
    expect(repeatedJsonKeys('{"a\\"":1,"a":2}')).toEqual([]);
  });

  it('leaves text that is not JSON to JSON.parse', () => {
    expect(repeatedJsonKeys('{"a":1,"a')).toEqual([]);
    expect(repeatedJsonKeys('{"\\u00zz":1}')).toEqual([]);
  });
});
