/** How flow value types appear in generated TypeScript (runtime/values.ts: numbers, strings, booleans). */
import type { ValueType } from '../../runtime/values.js';

export function tsType(type: ValueType): 'string' | 'number' | 'boolean' {
  switch (type) {
    case 'string':
    case 'uri':
      return 'string';
    case 'int':
    case 'duration':
    case 'status':
      return 'number';
    case 'bool':
      return 'boolean';
  }
}
