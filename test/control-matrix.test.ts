import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RevauditError } from '../src/errors.ts';
import { compareRequirementIds, controlMatrix, ControlMatrixSchema, loadFrameworks, type Framework, type MatrixRule } from '../src/report/control-matrix.ts';
import { loadRules } from '../src/rules/catalog.ts';
import { writeFiles } from './helpers.ts';

const CATALOGUE = loadFrameworks();
const SHIPPED = loadRules().map((r) => ({ ...r, enabled: true }));

/** The requirement of the matrix at framework key and id. */
function requirement(matrix: ReturnType<typeof controlMatrix>, key: string, id: string) {
  return matrix.frameworks.find((f) => f.key === key)?.requirements.find((r) => r.id === id);
}

/** The error a function throws, or a failure when it throws none. */
function thrown(fn: () => unknown): RevauditError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RevauditError) return e;
    throw e;
  }
  throw new Error('expected a RevauditError');
}

describe('the frameworks catalogue (rules/frameworks.yaml)', () => {
  it('holds every control a shipped rule cites, spelt the same way', () => {
    const missing = SHIPPED.flatMap((rule) =>
      rule.controls
        .filter((c) => !CATALOGUE.find((f) => f.key === c.framework)?.requirements.some((r) => r.id === c.id))
        .map((c) => `${rule.id}: ${c.framework} ${c.id}`),
    );
    expect(missing).toEqual([]);
  });

  it('lists the nine frameworks of the rule catalogue, in report order, with their versions', () => {
    expect(CATALOGUE.map((f) => f.key)).toEqual(['asvs5', 'asvs4', 'nist80053', 'iso27001', 'soc2', 'pci', 'cis', 'hipaa', 'owasp-nhi']);
    expect(CATALOGUE.find((f) => f.key === 'pci')?.name).toBe('PCI DSS 4.0.1');
    expect(CATALOGUE.find((f) => f.key === 'asvs5')?.name).toBe('OWASP ASVS 5.0.0');
  });

  it('keeps each framework in natural order, so a reader can find an id', () => {
    for (const f of CATALOGUE) {
      const ids = f.requirements.map((r) => r.id);
      expect(ids, f.key).toEqual([...ids].sort(compareRequirementIds));
    }
  });

  it('shows, for every framework, requirements the shipped rules test and requirements in scope that none tests', () => {
    const matrix = controlMatrix(CATALOGUE, SHIPPED, []);
    for (const f of matrix.frameworks) {
      expect(f.requirements.some((r) => r.rules.length > 0), `${f.key} tested`).toBe(true);
      expect(f.requirements.some((r) => r.rules.length === 0), `${f.key} untested`).toBe(true);
      expect(f.requirements.every((r) => r.title !== null), `${f.key} all catalogued`).toBe(true);
    }
    expect(requirement(matrix, 'asvs5', '7.4.2')?.rules.map((r) => r.id)).toEqual(['agent-outlived-owner', 'login-after-offboarding', 'session-survived-lifecycle-event']);
    expect(requirement(matrix, 'pci', '8.2.8')).toMatchObject({ title: 'Idle sessions', topics: ['R11'], rules: [], result: 'not_tested' });
    expect(requirement(matrix, 'nist80053', 'AC-2(3)')?.topics).toEqual(['R02', 'R04', 'R07']);
    // ASVS 4.0.3 has no offboarding requirement (7.4.2 is new in 5.0), and R10 has no rule yet.
    expect(requirement(matrix, 'asvs4', '3.3.4')).toMatchObject({ topics: ['R08', 'R10'], result: 'not_tested' });
  });

  it('refuses a broken catalogue with an error naming the file and the line', () => {
    const dir = writeFiles({
      'syntax.yaml': 'frameworks:\n  - key: pci\n    name: [PCI DSS\n',
      'number.yaml': "frameworks:\n  - key: cis\n    name: CIS Controls v8\n    requirements:\n      - { id: '6.2', title: Access revoking, topics: [R02] }\n      - { id: 8.5, title: Detailed audit logs, topics: [R05] }\n",
      'twice.yaml': "frameworks:\n  - key: soc2\n    name: SOC 2\n    requirements:\n      - { id: CC6.2, title: Removal, topics: [R02] }\n      - { id: CC6.2, title: Removal, topics: [R04] }\n",
    });
    const syntax = thrown(() => loadFrameworks(join(dir, 'syntax.yaml')));
    expect(syntax.code).toBe('frameworks.syntax');
    expect(syntax.place.file).toBe(join(dir, 'syntax.yaml'));
    expect(syntax.place.line).toBeGreaterThanOrEqual(3);

    const number = thrown(() => loadFrameworks(join(dir, 'number.yaml')));
    expect(number.render()).toBe(`${join(dir, 'number.yaml')}:6: invalid frameworks at frameworks.0.requirements.1.id: expected a quoted id, e.g. '8.5' [frameworks.invalid]`);

    const twice = thrown(() => loadFrameworks(join(dir, 'twice.yaml')));
    expect(twice.message).toContain("requirement 'CC6.2' appears twice");
    expect(twice.place.line).toBe(6);
  });
});

describe('the control matrix', () => {
  const frameworks: Framework[] = [
    {
      key: 'pci',
      name: 'PCI DSS 4.0.1',
      requirements: [
        { id: '8.2.5', title: 'Terminated users', topics: ['R02'] },
        { id: '8.2.8', title: 'Idle sessions', topics: ['R11'] },
        { id: '10.2.2', title: 'Audit log details', topics: ['R05'] },
        { id: '10.2.1.4', title: 'Invalid logical access attempts', topics: ['R03'] },
      ],
    },
  ];
  const rule = (id: string, controls: string[], enabled = true): MatrixRule => ({
    id,
    enabled,
    controls: controls.map((c) => ({ framework: c.split(' ')[0]!, id: c.split(' ')[1]! })),
  });

  it('fails a requirement when any citing rule has an unwaived finding, and counts findings and waivers', () => {
    const rules = [rule('login-after-offboarding', ['pci 8.2.5']), rule('session-survived-lifecycle-event', ['pci 8.2.5'])];
    const findings = [{ rule: 'login-after-offboarding', waiver: 'W-1' }, { rule: 'session-survived-lifecycle-event' }, { rule: 'session-survived-lifecycle-event', waiver: null }];
    expect(requirement(controlMatrix(frameworks, rules, findings), 'pci', '8.2.5')).toEqual({
      id: '8.2.5',
      title: 'Terminated users',
      topics: ['R02'],
      rules: [
        { id: 'login-after-offboarding', result: 'waived' },
        { id: 'session-survived-lifecycle-event', result: 'fail' },
      ],
      findings: 3,
      waived: 1,
      result: 'fail',
    });
  });

  it('marks a requirement waived when every finding of its rules is waived, and passed when its rules found nothing', () => {
    const rules = [rule('a-rule', ['pci 8.2.5']), rule('b-rule', ['pci 8.2.5', 'pci 10.2.2'])];
    const matrix = controlMatrix(frameworks, rules, [{ rule: 'a-rule', waiver: 'W-1' }, { rule: 'a-rule', waiver: 'W-2' }]);
    expect(requirement(matrix, 'pci', '8.2.5')).toMatchObject({ findings: 2, waived: 2, result: 'waived' });
    expect(requirement(matrix, 'pci', '10.2.2')).toMatchObject({ rules: [{ id: 'b-rule', result: 'pass' }], findings: 0, result: 'pass' });
  });

  it('does not count a requirement as tested when its only rule is disabled, nor when no rule cites it', () => {
    const matrix = controlMatrix(frameworks, [rule('off-rule', ['pci 10.2.2'], false), rule('second-off-rule', ['pci 10.2.2'], false)], []);
    expect(requirement(matrix, 'pci', '10.2.2')).toMatchObject({
      rules: [
        { id: 'off-rule', result: 'not_tested' },
        { id: 'second-off-rule', result: 'not_tested' },
      ],
      result: 'not_tested',
    });
    expect(requirement(matrix, 'pci', '8.2.8')).toMatchObject({ rules: [], findings: 0, waived: 0, result: 'not_tested' });
    expect(matrix.frameworks[0]!.counts).toEqual({ pass: 0, fail: 0, waived: 0, not_tested: 4 });
  });

  it('passes a requirement cited by an enabled rule and a disabled one when the enabled one finds nothing', () => {
    const matrix = controlMatrix(frameworks, [rule('off-rule', ['pci 8.2.5'], false), rule('on-rule', ['pci 8.2.5'])], []);
    expect(requirement(matrix, 'pci', '8.2.5')?.result).toBe('pass');
  });

  it("adds what a custom rule cites outside the catalogue: the requirement untitled, the framework named by its key", () => {
    const rules = [rule('custom-rule', ['pci 8.3.6', 'acme-sec SEC-12', 'acme-sec SEC-2']), rule('z-rule', ['internal 1.1'])];
    const matrix = controlMatrix(frameworks, rules, [{ rule: 'custom-rule' }]);
    expect(matrix.frameworks.map((f) => [f.key, f.name])).toEqual([
      ['pci', 'PCI DSS 4.0.1'],
      ['acme-sec', 'acme-sec'],
      ['internal', 'internal'],
    ]);
    expect(matrix.frameworks[0]!.requirements.map((r) => r.id)).toEqual(['8.2.5', '8.2.8', '8.3.6', '10.2.1.4', '10.2.2']);
    expect(requirement(matrix, 'pci', '8.3.6')).toEqual({ id: '8.3.6', title: null, topics: [], rules: [{ id: 'custom-rule', result: 'fail' }], findings: 1, waived: 0, result: 'fail' });
    expect(matrix.frameworks[1]!.requirements.map((r) => r.id)).toEqual(['SEC-2', 'SEC-12']);
    expect(matrix.frameworks[0]!.counts).toEqual({ pass: 0, fail: 1, waived: 0, not_tested: 4 });
  });

  it('produces output the schema accepts, for the shipped rules and catalogue', () => {
    const findings = [{ rule: 'revoked-session-accepted' }, { rule: 'session-inventory-incomplete', waiver: 'W-1' }];
    const matrix = controlMatrix(CATALOGUE, SHIPPED, findings);
    expect(ControlMatrixSchema.safeParse(matrix).success).toBe(true);
    expect(requirement(matrix, 'asvs5', '7.4.1')?.result).toBe('fail');
    expect(requirement(matrix, 'asvs5', '7.5.2')?.result).toBe('waived');
    expect(requirement(matrix, 'asvs5', '7.4.2')?.result).toBe('pass');
  });
});

describe('requirement order', () => {
  it.each([
    ['7.4.2', '16.2.1'],
    ['7.4.2', '7.4.10'],
    ['AC-2', 'AC-2(3)'],
    ['AC-2(3)', 'AC-2(12)'],
    ['AC-2(12)', 'AC-12'],
    ['A.5.16', 'A.5.18'],
    ['A.5.18', 'A.8.5'],
    ['8.2.5', '10.2.1.4'],
    ['164.308(a)(3)(ii)(C)', '164.312(b)'],
    ['NHI1', 'NHI10'],
  ])('puts %s before %s', (a, b) => {
    expect(compareRequirementIds(a, b)).toBeLessThan(0);
    expect(compareRequirementIds(b, a)).toBeGreaterThan(0);
  });

  it('sorts a mixed list the way a reader expects', () => {
    expect(['AC-12', 'AC-2(3)', 'AC-2', 'A.8.5', 'A.5.18', 'A.5.16'].sort(compareRequirementIds)).toEqual(['A.5.16', 'A.5.18', 'A.8.5', 'AC-2', 'AC-2(3)', 'AC-12']);
  });
});
