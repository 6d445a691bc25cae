import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

export const openapi = new Hono<AppEnv>()
