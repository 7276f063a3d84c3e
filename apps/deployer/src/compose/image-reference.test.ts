import { describe, expect, it } from 'vitest';
import { imageReferenceProblem } from './image-reference.js';

describe('imageReferenceProblem', () => {
  it.each([
    'busybox',
    'swarmops/busybox:test',
    'registry.example.com:5000/team/app:1.2.3',
    'localhost/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'app_name/sub__part-x:latest',
  ])('accepts %s', (image) => {
    expect(imageReferenceProblem(image)).toBeUndefined();
  });

  it.each(['Busybox', 'busybox:', 'busy box', 'busybox\u0000:test', '-app', 'app:tag with space', 'a//b'])(
    'refuses %j',
    (image) => {
      expect(imageReferenceProblem(image)).toMatch(/invalid reference format/);
    },
  );

  it('refuses a repository name over 255 characters', () => {
    expect(imageReferenceProblem('a'.repeat(256))).toMatch(/longer than 255/);
  });
});
