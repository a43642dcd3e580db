import { createLazyRoute } from '@tanstack/react-router'
import { ExplorePage } from '@/features/explore/components/explore-page'

export const Route = createLazyRoute('/explore')({ component: ExplorePage })
