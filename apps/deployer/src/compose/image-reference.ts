// Docker's image reference grammar (distribution/reference): [domain[:port]/]path[:tag][@digest].
// Checked here because the engine only rejects a bad reference when a node tries to pull it.

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_LABEL = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::${TAG})?(?:@${DIGEST})?$`);

/** Docker's limit on the repository name (domain and path). */
const MAX_NAME_LENGTH = 255;

/** Why `image` is not a valid Docker image reference, or undefined when it is. */
export function imageReferenceProblem(image: string): string | undefined {
  const match = REFERENCE.exec(image);
  if (match === null)
    return 'invalid reference format (expected [registry/]repository[:tag][@digest], lowercase)';
  if ((match[1] ?? '').length > MAX_NAME_LENGTH)
    return `repository name longer than ${MAX_NAME_LENGTH} characters`;
  return undefined;
}
