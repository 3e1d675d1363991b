import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../src/decision/engine/fact-catalogue';
import { OPERATOR_SPECS } from '../../src/decision/authoring/operator-specs';
import { validatePolicyText } from '../../src/decision/authoring/policy-validator';

const guide = readFileSync(join(__dirname, '../../rules/README.md'), 'utf8');

describe('the policy authors’ guide (rules/README.md)', () => {
  it('documents every fact path and every operator', () => {
    for (const fact of FACTS) {
      for (const field of fact.fields) {
        const row = field.path ? `\`${fact.name}\` · \`${field.path}\`` : `| \`${fact.name}\` |`;
        expect(guide, row).toContain(row);
      }
      for (const map of fact.maps) expect(guide, `${fact.name} ${map.path}`).toContain(`\`${fact.name}\` · \`${map.path}.<`);
    }
    for (const op of OPERATOR_SPECS) expect(guide, op.name).toContain(`\`${op.name}\``);
  });

  it('its worked-example rules are valid policy rules', () => {
    const blocks = [...guide.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.trim().startsWith('{ "name"'));
    expect(blocks.length).toBe(4);
    for (const block of blocks) {
      const text = `{"name": "guide", "defaultOutcome": "APPROVE", "rules": [${block}]}`;
      expect(validatePolicyText(text).problems, block).toEqual([]);
    }
  });
});
