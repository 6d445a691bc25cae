import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

export const compare = new Hono<AppEnv>()
