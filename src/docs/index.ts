/**
 * The generated reference docs, as [path, text] pairs: `npm run docs` (scripts/docs.mjs) writes them and
 * __tests__/package/docs.test.ts fails when the committed files differ. Each page is made from the one
 * source the product itself reads (the input catalog, the config schema, the error tables).
 */
import { configPage } from './config-page';
import { errorsPage } from './errors-page';
import { inputsPage } from './inputs-page';
import { publishedSchemaText } from './published-schema';

export function referenceFiles(): [string, string][] {
  return [
    ['docs/reference/inputs.md', inputsPage()],
    ['docs/reference/configuration.md', configPage()],
    ['docs/reference/errors.md', errorsPage()],
    ['docs/fabric-deploy.schema.json', publishedSchemaText()],
  ];
}
