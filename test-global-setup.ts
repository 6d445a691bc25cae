import { prepareTestDatabases } from './data/src/testing/index.ts'

export default async function setup() {
  await prepareTestDatabases()
}
